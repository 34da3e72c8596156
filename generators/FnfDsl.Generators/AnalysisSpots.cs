using System.Collections.Generic;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

/// <summary>Where each part of one analysis declaration sits, parallel to the model's arrays (for diagnostics only).</summary>
internal sealed class AnalysisSpots
{
    public AnalysisSpots(SourceSpots analysis, LocationInfo? flavourEnum, LocationInfo? eventStruct, SourceSpots? doi, SourceSpots featureFlow, SourceSpots kinematicFlow)
    {
        Analysis = analysis;
        FlavourEnum = flavourEnum;
        EventStruct = eventStruct;
        Doi = doi;
        FeatureFlow = featureFlow;
        KinematicFlow = kinematicFlow;
    }

    /// <summary>The analysis class (member = its identifier) and its [Analysis] attribute.</summary>
    public SourceSpots Analysis { get; }

    /// <summary>The Flavour enum's identifier, if declared.</summary>
    public LocationInfo? FlavourEnum { get; }

    /// <summary>The Event struct's identifier, if declared.</summary>
    public LocationInfo? EventStruct { get; }

    /// <summary>The [DistributionOfInterest] attribute, if any.</summary>
    public SourceSpots? Doi { get; }

    /// <summary>The [FeatureFlow] attribute (or the class when absent).</summary>
    public SourceSpots FeatureFlow { get; }

    /// <summary>The [KinematicFlow] attribute (or the class when absent).</summary>
    public SourceSpots KinematicFlow { get; }

    /// <summary>Each flavour's spots, parallel to the model's flavours.</summary>
    public List<SourceSpots> Flavours { get; } = new();

    /// <summary>Each event variable's spots, parallel to the model's variables.</summary>
    public List<SourceSpots> Variables { get; } = new();

    /// <summary>Each shape nuisance's spots, parallel to the model's shape nuisances.</summary>
    public List<SourceSpots> ShapeNuisances { get; } = new();

    /// <summary>Each rate nuisance's spots, parallel to the model's rate nuisances.</summary>
    public List<SourceSpots> RateNuisances { get; } = new();

    /// <summary>Each parameter of interest's spots, parallel to the model's parameters of interest.</summary>
    public List<SourceSpots> Pois { get; } = new();
}
