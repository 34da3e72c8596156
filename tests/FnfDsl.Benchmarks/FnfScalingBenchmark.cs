using System.Diagnostics;
using System.Globalization;
using FnfDsl.Flows;
using FnfDsl.Fnf;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Benchmarks;

/// <summary>
/// Cost of one FNF training step (S's coefficients + log-det, forward and backward w.r.t. the head
/// parameters) on 1M events streamed in chunks, for K = 1, 4, 16, 64 nuisances (toy sizes: 2 features,
/// context = x + 2-flavour one-hot, heads 32x2 as in the paper).
/// </summary>
/// <remarks>
/// Two workloads. "training": every event carries one non-zero nuisance (+-1), as the variation samples
/// of the two-stage training do; the heads only see their own events, so the work stays ~N whatever K.
/// "dense": every event has every nuisance non-zero (the DoI's per-event nu draws); then every head must
/// see every event and the FLOPs grow as K, batched into a few large bmm calls instead of K sets of small ops.
/// The headline fnf_cost_ratio_k64_over_k1 is the training workload's wall-time ratio, printed last; the CPU-time
/// ratio is printed too, as it is steadier when other processes share the cores.
/// </remarks>
public sealed class FnfScalingBenchmark : IBenchmark
{
    private const int Dim = 2, Kinematics = 1, Flavours = 2, Events = 1 << 20, ChunkSize = Chunking.DefaultChunkSize;
    private static readonly int[] Ks = [1, 4, 16, 64];

    /// <inheritdoc />
    public string Description => "FNF map step (coefficients + log-det, forward + backward) on 1M events for K = 1, 4, 16, 64 nuisances";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        Print("threads", get_num_threads());
        Print("events", Events);
        Print("chunk_size", ChunkSize);
        var (y, context) = Inputs();
        var fnfs = Ks.ToDictionary(k => k, Build);

        // Training workload: K values measured round-robin, so that load from other processes hits them alike.
        var nus = Ks.ToDictionary(k => k, OneActiveNuisance);
        var wall = Ks.ToDictionary(k => k, _ => new List<double>());
        var cpu = Ks.ToDictionary(k => k, _ => new List<double>());
        foreach (int k in Ks) WarmUp(fnfs[k], y, context, nus[k]);
        for (int repeat = 0; repeat < 3; repeat++)
            foreach (int k in Ks)
            {
                var (w, c) = Step(fnfs[k], y, context, nus[k]);
                wall[k].Add(w);
                cpu[k].Add(c);
            }
        foreach (int k in Ks)
        {
            Print($"fnf_step_seconds_k{k}", Median(wall[k]));
            Print($"fnf_step_cpu_seconds_k{k}", Median(cpu[k]));
            nus[k].Dispose();
        }

        // Dense workload: one pass each (K = 64 does 64 heads' work on every event).
        var dense = new Dictionary<int, double>();
        foreach (int k in Ks)
        {
            using var all = randn(Events, k).clamp(-2, 2);
            WarmUp(fnfs[k], y, context, all);
            var (w, c) = Step(fnfs[k], y, context, all);
            dense[k] = w;
            Print($"fnf_dense_step_seconds_k{k}", w);
            Print($"fnf_dense_step_cpu_seconds_k{k}", c);
        }
        Print("fnf_dense_cost_ratio_k64_over_k1", dense[64] / dense[1]);
        Print("fnf_cpu_cost_ratio_k64_over_k1", Median(cpu[64]) / Median(cpu[1]));
        Print("fnf_cost_ratio_k64_over_k1", Median(wall[64]) / Median(wall[1]));
        foreach (var fnf in fnfs.Values) fnf.Dispose();
        return 0;
    }

    private static FnfTransform Build(int k)
    {
        var heads = Enumerable.Range(0, k).Select(i => new FnfHeadSpec($"nu{i}", i, [32, 32])).ToArray();
        var fnf = new FnfTransform(Dim, Kinematics, Flavours, k, heads);
        // Trained-like heads: non-zero output layers, so nothing is skipped for being zero.
        using var _ = no_grad();
        foreach (var name in fnf.HeadNames)
        {
            var mlp = fnf.Head(name).Layer(0);
            mlp.Weight(mlp.Depth - 1).normal_(0, 0.05);
            mlp.Bias(mlp.Depth - 1).normal_(0, 0.05);
        }
        return fnf;
    }

    private static (Tensor Y, Tensor Context) Inputs()
    {
        manual_seed(1);
        var y = randn(Events, Dim);
        var x = rand(Events, Kinematics).mul(4);
        var oneHot = nn.functional.one_hot(randint(0, Flavours, [Events]), Flavours).to_type(ScalarType.Float32);
        return (y, cat([x, oneHot], 1));
    }

    /// Event i belongs to the +-1 sample of nuisance i mod K.
    private static Tensor OneActiveNuisance(int k)
    {
        using var index = arange(Events).remainder(k);
        using var sign = arange(Events).div(k, rounding_mode: RoundingMode.floor).remainder(2).mul(2).sub(1).to_type(ScalarType.Float32);
        using var hot = nn.functional.one_hot(index, k).to_type(ScalarType.Float32);
        return hot.mul(sign.unsqueeze(1));
    }

    /// One training step over all events: per chunk, forward S, loss = sum(z^2 / 2 - logdet), backward.
    /// Returns wall seconds and this process's CPU seconds.
    private static (double Wall, double Cpu) Step(FnfTransform fnf, Tensor y, Tensor context, Tensor nu)
    {
        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        fnf.zero_grad();
        for (long start = 0; start < Events; start += ChunkSize)
        {
            using var scope = NewDisposeScope();
            long n = Math.Min(ChunkSize, Events - start);
            var (z, logDet) = fnf.ForwardAndLogDet(y.narrow(0, start, n), context.narrow(0, start, n), nu.narrow(0, start, n));
            z.square().sum().mul(0.5).sub(logDet.sum()).backward();
        }
        double wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuStart).TotalSeconds);
    }

    private static void WarmUp(FnfTransform fnf, Tensor y, Tensor context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        var (z, logDet) = fnf.ForwardAndLogDet(y.narrow(0, 0, ChunkSize), context.narrow(0, 0, ChunkSize), nu.narrow(0, 0, ChunkSize));
        z.sum().add(logDet.sum()).backward();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static void Print(string name, double value) =>
        Console.WriteLine($"{name}={value.ToString("G6", CultureInfo.InvariantCulture)}");
}
