using System;

namespace FnfDsl
{
    /// <summary>Sets the sizes of the nominal kinematic flows p_f(x) (default: 1 layer, 20 bins, hidden 64 x 3).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class KinematicFlowAttribute : Attribute
    {
        /// <summary>Number of spline layers.</summary>
        public int Layers { get; set; } = PaperDefaults.KinematicFlowLayers;

        /// <summary>Number of spline bins.</summary>
        public int Bins { get; set; } = PaperDefaults.KinematicFlowBins;

        /// <summary>Hidden layer sizes of each layer's network.</summary>
        public int[] Hidden { get; set; } = PaperDefaults.KinematicFlowHidden;
    }
}
