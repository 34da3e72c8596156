using FnfDsl.Doi;
using FnfDsl.Fnf;
using FnfDsl.Flows;
using FnfDsl.IO;
using FnfDsl.Likelihood;
using FnfDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>
/// Every trainable piece of a declared analysis, built from its <see cref="AnalysisSpec"/>: the nominal feature
/// flow p(y | x, f) and kinematic flow p(x | f) (flavour one-hot in the context), the FNF maps of the inputs with
/// one head per shape nuisance, the DoI T, and the amortized residual R with its centre nu_hat.
/// </summary>
/// <remarks>
/// The nuisance vector is (shape nuisances, rate nuisances) in declaration order; POIs are a separate theta.
/// Saving writes weights and buffers with the declaration's fingerprint; loading refuses another declaration.
/// </remarks>
public sealed class AnalysisModel : nn.Module
{
    private readonly SystematicDensity features;
    private readonly SystematicDensity? kinematics;
    private readonly DistributionOfInterest? doi;
    private readonly FnfTransform? residual;
    private readonly Tensor nuHat;

    /// <summary>Builds the untrained model of <paramref name="spec"/>.</summary>
    public AnalysisModel(AnalysisSpec spec, Normalization normalization, AnalysisModelOptions? options = null) : base(nameof(AnalysisModel))
    {
        Options = options ??= new AnalysisModelOptions();
        Declaration = spec;
        // The run's sizes apply to a copy: the declaration (and its fingerprint) stay as declared.
        Spec = spec = options.Sizes?.Apply(spec) ?? spec;
        ResidualHidden = options.Sizes?.ResidualHidden ?? options.ResidualHidden;
        Mixture = MixtureModel.FromSpec(spec);
        int f = spec.Flavours.Length, dx = spec.Kinematics.Length, dy = spec.Features.Length, k = Mixture.NuisanceCount;
        if (dy == 0) throw new ArgumentException($"Analysis '{spec.Name}' declares no feature.", nameof(spec));
        torch.manual_seed(options.Seed);

        var featureFlow = Nsf.Create(dy, dx + f, spec.FeatureFlow.Layers, spec.FeatureFlow.Bins, spec.FeatureFlow.Hidden,
            options.SplineBound, Standardizer(normalization.YMean, normalization.YStd));
        var featureFnf = new FnfTransform(dy, dx, f, k, HeadSpecs(spec, spec.Features), Fnf(options, "features"));
        features = new SystematicDensity(featureFlow, featureFnf, VariableRanges.FromSpec(spec.Features, normalization.YStd));
        if (dx > 0)
        {
            var kinematicFlow = Nsf.Create(dx, f, spec.KinematicFlow.Layers, spec.KinematicFlow.Bins, spec.KinematicFlow.Hidden,
                options.SplineBound, Standardizer(normalization.XMean, normalization.XStd));
            var kinematicFnf = new FnfTransform(dx, 0, f, k, HeadSpecs(spec, spec.Kinematics), Fnf(options, "kinematics"));
            kinematics = new SystematicDensity(kinematicFlow, kinematicFnf, VariableRanges.FromSpec(spec.Kinematics, normalization.XStd));
        }
        if (spec.Doi is { } d)
        {
            DoiOf = d.Of.Select(n => IndexOf(spec.Features, n, $"DoI '{d.Name}' Of")).ToArray();
            DoiGiven = d.Given.Select(n => IndexOf(spec.Kinematics, n, $"DoI '{d.Name}' Given (the DoI may be conditioned on kinematic variables only)")).ToArray();
            using (no_grad())
            {
                doi = new DistributionOfInterest(DoiOf.Length, DoiGiven.Length + f, d.Layers, d.Bins, d.Hidden ?? PaperDefaults.DoiHidden,
                    tensor(normalization.DoiMean), tensor(normalization.DoiStd), options.SplineBound);
            }
            var residualHeads = Enumerable.Range(0, k)
                .Select(n => new FnfHeadSpec(NuisanceNames[n], n, ResidualHidden)).ToList();
            // The offset head is K + 1 times as wide as a nuisance head: at any fixed nu, the sum of the K + 1 heads' outputs is
            // one network of that width (block-diagonal weights), so T(.; nu_hat) can reach every map T(.; nu) can.
            if (options.ResidualOffset) residualHeads.Add(new FnfHeadSpec(DoiDensities.OffsetHeadName, k, ResidualHidden.Select(w => w * (k + 1)).ToArray()));
            residual = new FnfTransform(DoiOf.Length, DoiGiven.Length, f, residualHeads.Count, residualHeads, Fnf(options, "residual"));
        }
        else
        {
            DoiOf = [];
            DoiGiven = [];
        }
        nuHat = zeros(k, dtype: ScalarType.Float64);
        RegisterComponents();
        this.to(options.Dtype); // nu_hat too: the likelihood hands nu to the densities in the events' dtype
        Freeze();
    }

    /// <summary>The declaration at this run's sizes (<see cref="AnalysisModelOptions.Sizes"/>): what the model is built from.</summary>
    public AnalysisSpec Spec { get; }

    /// <summary>The declaration as declared, before the run's sizes.</summary>
    public AnalysisSpec Declaration { get; }

    /// <summary>Hidden sizes of the residual's heads at this run's sizes.</summary>
    public int[] ResidualHidden { get; }

    /// <summary>Run-time options.</summary>
    public AnalysisModelOptions Options { get; }

    /// <summary>Yields, POIs, nuisances, modifiers and constraints.</summary>
    public MixtureModel Mixture { get; }

    /// <summary>Nuisance names in nu order.</summary>
    public IReadOnlyList<string> NuisanceNames => Mixture.Nuisances.Select(n => n.Name).ToList();

    /// <summary>Feature columns the DoI maps.</summary>
    public int[] DoiOf { get; }

    /// <summary>Kinematic columns the DoI is conditioned on.</summary>
    public int[] DoiGiven { get; }

    /// <summary>The systematic-aware feature density p_f(y | x, nu).</summary>
    public SystematicDensity Features => features;

    /// <summary>The systematic-aware kinematic density p_f(x | nu), if the analysis has kinematics.</summary>
    public SystematicDensity? Kinematics => kinematics;

    /// <summary>The DoI T, if declared.</summary>
    public DistributionOfInterest? Doi => doi;

    /// <summary>The step-2 residual R(.; nu - nu_hat), if a DoI is declared.</summary>
    public FnfTransform? Residual => residual;

    /// <summary>The step-1 best-fit nuisances the residual is centred on.</summary>
    public double[] NuHat
    {
        get
        {
            using var d = nuHat.to_type(ScalarType.Float64);
            return d.data<double>().ToArray();
        }
        set
        {
            if (value.Length != Mixture.NuisanceCount) throw new ArgumentException($"nu_hat needs {Mixture.NuisanceCount} values.");
            using var v = tensor(value, dtype: nuHat.dtype);
            using var _ = no_grad();
            nuHat.copy_(v);
        }
    }

    /// <summary>Simulation densities (no DoI): what the nominal flows and FNF heads describe.</summary>
    public IFlavourDensities SimulationDensities() => new FlavourDensities(features, kinematics, Mixture.FlavourCount);

    /// <summary>Data densities through the DoI chain; with <paramref name="amortized"/> the residual R is included.</summary>
    public DoiDensities DataDensities(bool amortized)
    {
        if (doi is null) throw new InvalidOperationException($"Analysis '{Spec.Name}' declares no Distribution of Interest.");
        return new DoiDensities(features, kinematics, Mixture.FlavourCount, doi, DoiOf, DoiGiven,
            amortized ? residual : null, amortized ? nuHat : null);
    }

    /// <summary>The mixture likelihood of this analysis over the given densities.</summary>
    public MixtureLikelihood Likelihood(IFlavourDensities densities, int chunkSize = Chunking.DefaultChunkSize) =>
        new(Mixture, densities, Spec.Mode, chunkSize);

    /// <summary>Parameters of the nominal flows (feature and kinematic).</summary>
    public IReadOnlyList<Parameter> NominalParameters(bool kinematic) =>
        (kinematic ? (kinematics?.Nominal as nn.Module)?.parameters() ?? [] : ((nn.Module)features.Nominal).parameters()).ToList();

    /// <summary>Parameters of the FNF heads of the inputs (features and kinematics).</summary>
    public IReadOnlyList<Parameter> SystematicParameters() =>
        features.Fnf.parameters().Concat(kinematics?.Fnf.parameters() ?? []).ToList();

    /// <summary>Parameters of the DoI T.</summary>
    public IReadOnlyList<Parameter> DoiParameters() => doi?.parameters().ToList() ?? [];

    /// <summary>Parameters of the residual R.</summary>
    public IReadOnlyList<Parameter> ResidualParameters() => residual?.parameters().ToList() ?? [];

    /// <summary>Stops every parameter from requiring gradients; stages unfreeze exactly what they train.</summary>
    public void Freeze()
    {
        foreach (var p in parameters()) p.requires_grad_(false);
    }

    /// <summary>Saves weights and buffers with metadata (architecture, fingerprint, run sizes); atomic.</summary>
    public ModelMetadata Save(string path) => ModelStore.Save(this, path, Metadata());

    /// <summary>Loads a model saved for the same declaration at the same run sizes (<paramref name="options"/>' Sizes), refusing another declaration, architecture or sizes.</summary>
    public static AnalysisModel Load(AnalysisSpec spec, string path, AnalysisModelOptions? options = null)
    {
        var model = new AnalysisModel(spec, Normalization.Unit(spec.Kinematics.Length, spec.Features.Length, spec.Doi?.Of.Length ?? 0), options);
        ModelStore.Load(model, path, model.Metadata());
        model.Freeze();
        return model;
    }

    /// <summary>The metadata a saved model of this declaration carries: structure in Architecture, the run's sizes in Sizes.</summary>
    public ModelMetadata Metadata() => new(nameof(AnalysisModel), ModelMetadata.ArchitectureOf(
        ("analysis", Spec.Name),
        ("mode", Spec.Mode),
        ("flavours", string.Join(",", Spec.Flavours.Select(f => f.Name))),
        ("kinematics", string.Join(",", Spec.Kinematics.Select(v => v.Name))),
        ("features", string.Join(",", Spec.Features.Select(v => v.Name))),
        ("nuisances", string.Join(",", NuisanceNames)),
        ("dtype", Options.Dtype)), Spec.Fingerprint) { Sizes = RunSizes.Record(Spec, ResidualHidden) };

    private static Standardize Standardizer(double[] mean, double[] std)
    {
        using var m = tensor(mean);
        using var s = tensor(std);
        return new Standardize(m, s);
    }

    private static FnfOptions Fnf(AnalysisModelOptions o, string name) =>
        new(QuadraticDamping: o.QuadraticDamping, Seed: o.Seed * 7919 + (long)(StableHash.Of(name) % 1000));

    // One head per shape nuisance that moves any of these variables, named after the nuisance.
    private static FnfHeadSpec[] HeadSpecs(AnalysisSpec spec, VariableSpec[] variables)
    {
        var heads = new List<FnfHeadSpec>();
        for (int n = 0; n < spec.ShapeNuisances.Length; n++)
        {
            var s = spec.ShapeNuisances[n];
            var moves = variables.Select((v, i) => (v, i)).Where(t => s.Moves.Contains(t.v.Name)).Select(t => t.i).ToArray();
            if (moves.Length == 0) continue;
            var flavours = s.Flavours.Length == 0 ? null
                : s.Flavours.Select(fl => IndexOf(spec.Flavours.Select(x => x.Name).ToArray(), fl, $"Shape nuisance '{s.Name}' Flavours")).ToArray();
            heads.Add(new FnfHeadSpec(s.Name, n, s.HeadHidden, moves, flavours));
        }
        return heads.ToArray();
    }

    private static int IndexOf(VariableSpec[] variables, string name, string where) =>
        IndexOf(variables.Select(v => v.Name).ToArray(), name, where);

    private static int IndexOf(string[] names, string name, string where)
    {
        int i = Array.IndexOf(names, name);
        return i >= 0 ? i : throw new ArgumentException($"{where} names '{name}', which is not among {string.Join(", ", names)}.");
    }
}
