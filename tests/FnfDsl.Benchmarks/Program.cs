using FnfDsl.Benchmarks;

// Dispatcher: `dotnet run -c Release --project tests/FnfDsl.Benchmarks -- <name> [args]`.
var benchmarks = new SortedDictionary<string, Func<IBenchmark>>(StringComparer.Ordinal)
{
    ["flows"] = () => new FlowsBenchmark(),
    ["amortized-scan"] = () => new AmortizedScanBenchmark(),
    ["refit-convergence"] = () => new RefitConvergenceBenchmark(),
    ["doi-closure"] = () => new DoiClosureBenchmark(),
    ["fnf-scaling"] = () => new FnfScalingBenchmark(),
    ["pipeline"] = () => new PipelineBenchmark(),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var create))
{
    if (args.Length > 0) Console.Error.WriteLine($"unknown benchmark '{args[0]}'");
    Console.Error.WriteLine("usage: FnfDsl.Benchmarks <name> [args]");
    foreach (var (name, make) in benchmarks) Console.Error.WriteLine($"  {name,-16} {make().Description}");
    return 2;
}
return create().Run(args[1..]);
