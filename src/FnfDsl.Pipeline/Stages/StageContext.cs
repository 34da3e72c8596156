using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;

namespace FnfDsl.Pipeline.Stages;

/// <summary>What a running stage gets: the run configuration, artifact paths, progress and logging.</summary>
public sealed class StageContext
{
    /// <summary>A context for a stage of the run <paramref name="config"/>, reporting to <paramref name="progress"/>.</summary>
    public StageContext(RunConfig config, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(progress);
        Config = config;
        Progress = progress;
    }

    /// <summary>The run configuration.</summary>
    public RunConfig Config { get; }

    /// <summary>The run's sizes (shortcut for <c>Config.Settings</c>).</summary>
    public RunSettings Settings => Config.Settings;

    /// <summary>Where long steps report progress.</summary>
    public IProgressSink Progress { get; }

    /// <summary>The declared analysis.</summary>
    public FnfDsl.Analysis.AnalysisSpec Analysis => Config.Analysis;

    /// <summary>The run's inputs, read and checked against the declaration (read once per stage).</summary>
    public Inputs.AnalysisInputs Inputs => _inputs ??= FnfDsl.Pipeline.Inputs.AnalysisInputs.Load(Config.Analysis, Config.InputsPath);

    private Inputs.AnalysisInputs? _inputs;

    /// <summary>The full path of the artifact <paramref name="relativePath"/>; its folder is created.</summary>
    public string PathOf(string relativePath)
    {
        string path = ArtifactPath.Resolve(Config.OutDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Writes a log line of the stage.</summary>
    public void Log(string text) => Progress.Log(text);
}
