// The generator compiles this file in as FnfDsl.Generators.PaperDefaults (internal), so that it never clashes with
// the attributes' public FnfDsl.PaperDefaults in a project that sees both.
#if FNFDSL_GENERATOR
namespace FnfDsl.Generators
#else
namespace FnfDsl
#endif
{
    /// <summary>
    /// The one place of the DSL's defaults: the FNF paper's network sizes (appendix B) and the declared values an attribute
    /// leaves unset. The attributes' initialisers, the source generator (which compiles this file in) and the runtime read them.
    /// </summary>
    /// <remarks>Hidden sizes are a width repeated depth times; each read of an array property returns a fresh array.</remarks>
#if FNFDSL_GENERATOR
    internal
#else
    public
#endif
    static class PaperDefaults
    {
        /// <summary>Spline layers of the nominal feature flows p_f(y | x).</summary>
        public const int FeatureFlowLayers = 2;

        /// <summary>Spline bins of the nominal feature flows.</summary>
        public const int FeatureFlowBins = 30;

        /// <summary>Hidden width of the feature flows' networks.</summary>
        public const int FeatureFlowWidth = 128;

        /// <summary>Hidden depth of the feature flows' networks.</summary>
        public const int FeatureFlowDepth = 4;

        /// <summary>Spline layers of the nominal kinematic flows p_f(x).</summary>
        public const int KinematicFlowLayers = 1;

        /// <summary>Spline bins of the nominal kinematic flows.</summary>
        public const int KinematicFlowBins = 20;

        /// <summary>Hidden width of the kinematic flows' networks.</summary>
        public const int KinematicFlowWidth = 64;

        /// <summary>Hidden depth of the kinematic flows' networks.</summary>
        public const int KinematicFlowDepth = 3;

        /// <summary>Spline layers of the Distribution of Interest T.</summary>
        public const int DoiLayers = 3;

        /// <summary>Spline bins of the Distribution of Interest.</summary>
        public const int DoiBins = 30;

        /// <summary>Hidden width of the DoI's networks.</summary>
        public const int DoiWidth = 128;

        /// <summary>Hidden depth of the DoI's networks.</summary>
        public const int DoiDepth = 2;

        /// <summary>Hidden width of a shape nuisance's FNF head.</summary>
        public const int HeadWidth = 32;

        /// <summary>Hidden depth of a shape nuisance's FNF head.</summary>
        public const int HeadDepth = 2;

        /// <summary>Hidden width of a head of the amortized residual R.</summary>
        public const int ResidualWidth = 64;

        /// <summary>Hidden depth of a head of the amortized residual R.</summary>
        public const int ResidualDepth = 2;

        /// <summary>The DoI's name when the declaration gives none.</summary>
        public const string DoiName = "Doi";

        /// <summary>A parameter of interest's starting value.</summary>
        public const double PoiInitial = 1.0;

        /// <summary>A parameter of interest's lower bound.</summary>
        public const double PoiMin = 0.0;

        /// <summary>A parameter of interest's upper bound.</summary>
        public const double PoiMax = 10.0;

        /// <summary>Hidden sizes of the feature flows (128 x 4).</summary>
        public static int[] FeatureFlowHidden => Hidden(FeatureFlowWidth, FeatureFlowDepth);

        /// <summary>Hidden sizes of the kinematic flows (64 x 3).</summary>
        public static int[] KinematicFlowHidden => Hidden(KinematicFlowWidth, KinematicFlowDepth);

        /// <summary>Hidden sizes of the DoI (128 x 2).</summary>
        public static int[] DoiHidden => Hidden(DoiWidth, DoiDepth);

        /// <summary>Hidden sizes of a shape nuisance's head (32 x 2).</summary>
        public static int[] HeadHidden => Hidden(HeadWidth, HeadDepth);

        /// <summary>Hidden sizes of a residual head (64 x 2).</summary>
        public static int[] ResidualHidden => Hidden(ResidualWidth, ResidualDepth);

        /// <summary>A hidden-size list: <paramref name="width"/> repeated <paramref name="depth"/> times.</summary>
        public static int[] Hidden(int width, int depth)
        {
            var sizes = new int[depth];
            for (int i = 0; i < depth; i++)
                sizes[i] = width;
            return sizes;
        }
    }
}
