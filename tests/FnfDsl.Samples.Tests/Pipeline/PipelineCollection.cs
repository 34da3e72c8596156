using TorchSharp;

namespace FnfDsl.Samples.Tests.Pipeline;

/// <summary>The end-to-end tests train networks for minutes: they run one at a time, on one torch thread as the CLI does.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PipelineCollection : ICollectionFixture<SingleTorchThread>
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "ToyFnf pipeline";
}

/// <summary>Sets libtorch to one intra-op thread for the collection (Program.cs does the same for the CLI).</summary>
public sealed class SingleTorchThread
{
    public SingleTorchThread() => torch.set_num_threads(1);
}
