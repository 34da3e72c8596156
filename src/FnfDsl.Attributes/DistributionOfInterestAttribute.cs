using System;

namespace FnfDsl
{
    /// <summary>
    /// Declares the analysis' Distribution of Interest: a learnable conditional spline map T(y; x) of the
    /// features <see cref="Of"/> given the variables <see cref="Given"/> (FNF paper, section 2.2).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class DistributionOfInterestAttribute : Attribute
    {
        /// <summary>The name of the DoI in saved models and reports (default "Doi").</summary>
        public string Name { get; set; } = PaperDefaults.DoiName;

        /// <summary>The features the DoI maps (<c>nameof(Event.Y1)</c>); every feature when not set.</summary>
        public string[] Of { get; set; } = new string[0];

        /// <summary>The variables the map is conditioned on; every kinematic variable when not set.</summary>
        public string[] Given { get; set; } = new string[0];

        /// <summary>Number of spline layers (default 3).</summary>
        public int Layers { get; set; } = PaperDefaults.DoiLayers;

        /// <summary>Number of spline bins (default 30).</summary>
        public int Bins { get; set; } = PaperDefaults.DoiBins;

        /// <summary>Hidden layer sizes of each layer's network (default 128 x 2).</summary>
        public int[] Hidden { get; set; } = PaperDefaults.DoiHidden;
    }
}
