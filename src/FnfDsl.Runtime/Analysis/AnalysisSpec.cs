namespace FnfDsl.Analysis;

// The runtime's plain description of a declared analysis. The source generator emits one
// AnalysisSpec literal per analysis class; the runtime builds densities and likelihoods from it.
// Nuisance vector order everywhere: shape nuisances (declaration order), then rate nuisances.

/// <summary>Whether a variable is a conditioning kinematic (x) or a discriminating feature (y).</summary>
public enum VariableRole { Kinematic, Feature }

/// <summary>A physics process with its nominal yield N_f^0; ScaledBy names the POI that multiplies it, if any; IsSignal marks the flavours a POI without Scales multiplies.</summary>
public sealed record FlavourSpec(string Name, double Yield, bool IsSignal = false, string? ScaledBy = null);

/// <summary>An event variable: name, role, input column, and its optional range, which chooses the bounded map in front of its flows (<see cref="FnfDsl.Flows.VariableRanges"/>).</summary>
/// <remarks>The storage type (float or double field) is not here: it is the generated Event's field type, which rounds the values before they reach the runtime.</remarks>
public sealed record VariableSpec(string Name, VariableRole Role, string Column, double? Min = null, double? Max = null);

/// <summary>A shape nuisance learned by an FNF head: which flavours and variables it touches, head sizes, variation labels (nu in prior widths: the samples are at +-1).</summary>
public sealed record ShapeNuisanceSpec(
    string Name, Prior Prior, string[] Flavours, string[] Moves, int[] HeadHidden,
    string UpLabel, string DownLabel);

/// <summary>A log-normal rate nuisance on one flavour: N_f *= kappa^nu (kappa_up for nu &gt; 0, kappa_down for nu &lt; 0).</summary>
public sealed record RateNuisanceSpec(string Name, string Flavour, double KappaDown, double KappaUp, Prior Prior = Prior.Gaussian);

/// <summary>A scalar parameter of interest multiplying the yields of the flavours it scales (the flavours marked IsSignal when Scales is empty).</summary>
public sealed record PoiSpec(string Name, string[] Scales, double Initial = PaperDefaults.PoiInitial, double Min = PaperDefaults.PoiMin, double Max = PaperDefaults.PoiMax);

/// <summary>The Distribution of Interest: a conditional spline map on features Of given variables Given.</summary>
public sealed record DoiSpec(string Name, string[] Of, string[] Given, int Layers = PaperDefaults.DoiLayers, int Bins = PaperDefaults.DoiBins, int[]? Hidden = null);

/// <summary>Sizes of a neural spline flow.</summary>
public sealed record FlowSizes(int Layers, int Bins, int[] Hidden);

/// <summary>Everything the runtime needs to build an analysis' densities and likelihood.</summary>
public sealed record AnalysisSpec(
    string Name,
    LikelihoodMode Mode,
    FlavourSpec[] Flavours,
    VariableSpec[] Kinematics,
    VariableSpec[] Features,
    ShapeNuisanceSpec[] ShapeNuisances,
    RateNuisanceSpec[] RateNuisances,
    PoiSpec[] Pois,
    DoiSpec? Doi,
    FlowSizes FeatureFlow,
    FlowSizes KinematicFlow,
    string Fingerprint);
