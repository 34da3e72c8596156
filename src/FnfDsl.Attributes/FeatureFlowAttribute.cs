using System;

namespace FnfDsl
{
    /// <summary>Sets the sizes of the nominal conditional feature flows p_f(y | x) (default: 2 layers, 30 bins, hidden 128 x 4).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class FeatureFlowAttribute : Attribute
    {
        /// <summary>Number of spline layers.</summary>
        public int Layers { get; set; } = PaperDefaults.FeatureFlowLayers;

        /// <summary>Number of spline bins.</summary>
        public int Bins { get; set; } = PaperDefaults.FeatureFlowBins;

        /// <summary>Hidden layer sizes of each layer's network.</summary>
        public int[] Hidden { get; set; } = PaperDefaults.FeatureFlowHidden;
    }
}
