using ToyFnf.Cli;
using ToyFnf.Progress;
using ToyFnf.Stages;

var runner = new StageRunner(ToyFnfStages.Create(), ConsoleProgressDisplay.Create());
return ToyFnfCli.Create(runner).Parse(args).Invoke();
