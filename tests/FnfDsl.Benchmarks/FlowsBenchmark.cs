using System.Diagnostics;
using System.Globalization;
using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Benchmarks;

/// <summary>
/// Throughput of the paper's conditional NSF (log-prob + backward) against libtorch's float32 GEMM peak on this machine.
/// </summary>
/// <remarks>
/// Model FLOPs count only the masked MLPs: 2 * in * out per linear layer per event for the forward pass (masks do not
/// reduce the dense GEMM work), times 3 for forward + backward (the backward does two GEMMs of the same size per layer:
/// gradients of the input and of the weight). Spline arithmetic is not counted, so the fraction is the share of the
/// GEMM peak spent on useful network work.
/// </remarks>
public sealed class FlowsBenchmark : IBenchmark
{
    private const int Dim = 2, Flavours = 2, ContextDim = 1 + Flavours, StreamedEvents = 1 << 20;

    /// <inheritdoc />
    public string Description => "conditional NSF (2 layers, 30 bins, 128x4) log-prob + backward vs float32 GEMM peak";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        // Other processes may share the cores: the load average and the CPU share this process got put the figures in context.
        Print("load_average_1min_at_start", LoadAverage());
        double peak = GemmPeakFlops();
        Print("threads", get_num_threads());
        Print("gemm_peak_gflops", peak / 1e9);

        manual_seed(1);
        var flow = Nsf.FeatureFlow(Dim, ContextDim);
        double flopsPerEvent = 3 * ForwardFlopsPerEvent(flow);
        Print("model_flops_per_event", flopsPerEvent);
        Print("chunk_size", Chunking.DefaultChunkSize);

        var (y, context) = Data(StreamedEvents);
        foreach (int batch in new[] { 1024, 4096, 16384, 65536 })
        {
            double eventsPerSecond = BatchThroughput(flow, y, context, batch);
            Print($"batch_{batch}_events_per_s", eventsPerSecond);
            Print($"batch_{batch}_fraction_of_gemm_peak", eventsPerSecond * flopsPerEvent / peak);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        double streamed = StreamedThroughput(flow, y, context);
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        double wallSeconds = wall.Elapsed.TotalSeconds;
        Print("streamed_1M_events_per_s", streamed);
        Print("streamed_1M_seconds", StreamedEvents / streamed);
        Print("streamed_cpu_share_of_threads", cpuSeconds / (wallSeconds * get_num_threads()));
        Print("load_average_1min_at_end", LoadAverage());
        Print("flow_fraction_of_gemm_peak", streamed * flopsPerEvent / peak);
        return 0;
    }

    // Best of several timed runs of 2048x2048 float32 matmuls (best, because other processes share the cores).
    private static double GemmPeakFlops()
    {
        const int n = 2048;
        using var a = randn(n, n);
        using var b = randn(n, n);
        for (int i = 0; i < 3; i++) a.matmul(b).Dispose();
        double best = 0;
        for (int run = 0; run < 5; run++)
        {
            const int reps = 10;
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < reps; i++) a.matmul(b).Dispose();
            best = Math.Max(best, 2.0 * n * n * n * reps / sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static double ForwardFlopsPerEvent(nn.Module flow) =>
        flow.modules().OfType<MaskedLinear>().Sum(l => 2.0 * l.InFeatures * l.OutFeatures);

    private static (Tensor Y, Tensor Context) Data(int n)
    {
        using var g = new Generator(5);
        var y = randn(n, Dim, generator: g);
        var kinematic = randn(n, 1, generator: g);
        var flavour = nn.functional.one_hot(randint(0, Flavours, n, generator: g), Flavours).to_type(ScalarType.Float32);
        return (y, cat(new[] { kinematic, flavour }, 1));
    }

    // Events per second of -mean log p + backward on whole batches of the given size (the best of three timed rounds).
    private static double BatchThroughput(ConditionalFlow flow, Tensor y, Tensor context, int batch)
    {
        int steps = Math.Max(1, (1 << 16) / batch);
        void Round()
        {
            for (int s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                long start = (long)s * batch % (y.size(0) - batch + 1);
                flow.zero_grad();
                flow.LogProb(y.narrow(0, start, batch), context.narrow(0, start, batch)).mean().neg().backward();
            }
        }
        Round();
        double best = 0;
        for (int r = 0; r < 3; r++)
        {
            var sw = Stopwatch.StartNew();
            Round();
            best = Math.Max(best, (double)steps * batch / sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    // Events per second of one streamed log-prob + backward pass over all events with the library's default chunk size
    // (after a warm-up pass over the first 64k events).
    private static double StreamedThroughput(ConditionalFlow flow, Tensor y, Tensor context)
    {
        double Pass(long events)
        {
            flow.zero_grad();
            var sw = Stopwatch.StartNew();
            Chunking.AccumulateGradients(c => flow.LogProb(c[0], c[1]).mean().neg(),
                new[] { y.narrow(0, 0, events), context.narrow(0, 0, events) }, ChunkReduction.Mean);
            return events / sw.Elapsed.TotalSeconds;
        }
        Pass(1 << 16);
        return Pass(y.size(0));
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static void Print(string name, double value) =>
        Console.WriteLine($"{name}={value.ToString("G4", CultureInfo.InvariantCulture)}");
}
