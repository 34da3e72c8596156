namespace FnfDsl.Generators;

/// <summary>Fully qualified names of the DSL's attributes and the names of the nested declaration types.</summary>
/// <remarks>The generator must not reference FnfDsl.Attributes: an analyzer cannot load the analysed project's assemblies.</remarks>
internal static class MetadataNames
{
    public const string Analysis = "FnfDsl.AnalysisAttribute";

    /// <summary>The pipeline library's entry type: a compilation that has it gets a generated Cli.</summary>
    public const string Pipeline = "FnfDsl.Pipeline.AnalysisPipeline";

    public const string Flavour = "FnfDsl.FlavourAttribute";
    public const string Kinematic = "FnfDsl.KinematicAttribute";
    public const string Feature = "FnfDsl.FeatureAttribute";
    public const string ShapeNuisance = "FnfDsl.ShapeNuisanceAttribute";
    public const string RateNuisance = "FnfDsl.RateNuisanceAttribute";
    public const string Poi = "FnfDsl.PoiAttribute";
    public const string DistributionOfInterest = "FnfDsl.DistributionOfInterestAttribute";
    public const string FeatureFlow = "FnfDsl.FeatureFlowAttribute";
    public const string KinematicFlow = "FnfDsl.KinematicFlowAttribute";

    /// <summary>The nested enum of flavours.</summary>
    public const string FlavourType = "Flavour";

    /// <summary>The nested partial struct of event variables.</summary>
    public const string EventType = "Event";

    /// <summary>The nested partial struct of nuisance parameters.</summary>
    public const string NuisancesType = "Nuisances";

    /// <summary>The nested partial struct of parameters of interest.</summary>
    public const string PoisType = "Pois";
}
