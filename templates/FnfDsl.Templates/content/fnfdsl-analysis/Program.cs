// The whole FnfDsl pipeline of the analysis declared in Analysis.cs: `run --inputs inputs.json --out out` trains,
// fits and writes out/report.html; `--help` lists the stages.
return FnfDslAnalysis.MyAnalysis.Cli.Run(args);
