using System;

namespace FnfDsl
{
    /// <summary>
    /// Declares a <c>double</c> field of the analysis' <c>Pois</c> struct as a scalar parameter of interest
    /// (e.g. a signal strength mu) multiplying the yields of the flavours it scales.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class PoiAttribute : Attribute
    {
        /// <summary>The flavours (<c>nameof(Flavour.Signal)</c>) whose yields this parameter multiplies; the flavours marked <see cref="FlavourAttribute.IsSignal"/> when not set.</summary>
        public string[] Scales { get; set; } = new string[0];

        /// <summary>The starting value of a fit (default 1).</summary>
        public double Initial { get; set; } = PaperDefaults.PoiInitial;

        /// <summary>The lower bound of the parameter (default 0).</summary>
        public double Min { get; set; } = PaperDefaults.PoiMin;

        /// <summary>The upper bound of the parameter (default 10).</summary>
        public double Max { get; set; } = PaperDefaults.PoiMax;
    }
}
