using ToyFnf.Cli;
using ToyFnf.Progress;
using ToyFnf.Stages;
using TorchSharp;

// One intra-op thread: the tensors of this example are small, and on a shared machine libtorch's spinning OpenMP
// workers made every step several times slower (8x measured on two loaded cores).
torch.set_num_threads(1);
var runner = new StageRunner(ToyFnfStages.Create(), ConsoleProgressDisplay.Create());
return ToyFnfCli.Create(runner).Parse(args).Invoke();
