namespace FnfDsl.Generators;

/// <summary>The DSL's default sizes (FNF paper, appendix B), used when an attribute leaves them unset.</summary>
/// <remarks>The attributes carry the same values as property initialisers, for their readers; the generator reads only what is written.</remarks>
internal static class Defaults
{
    public static readonly int[] FeatureFlowHidden = { 128, 128, 128, 128 };
    public const int FeatureFlowLayers = 2;
    public const int FeatureFlowBins = 30;

    public static readonly int[] KinematicFlowHidden = { 64, 64, 64 };
    public const int KinematicFlowLayers = 1;
    public const int KinematicFlowBins = 20;

    public static readonly int[] HeadHidden = { 32, 32 };

    public const string DoiName = "Doi";
    public static readonly int[] DoiHidden = { 128, 128 };
    public const int DoiLayers = 3;
    public const int DoiBins = 30;

    public const double Width = 1.0;
    public const double PoiInitial = 1.0;
    public const double PoiMin = 0.0;
    public const double PoiMax = 10.0;
}
