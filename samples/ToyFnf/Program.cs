using ToyFnf.Toy;

// The toy analysis through the FnfDsl pipeline (the generated ToyAnalysis.Cli), with the toy's generator and closure stage plugged in.
return ToyPipeline.Create().Run(args);
