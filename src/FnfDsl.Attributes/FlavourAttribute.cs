using System;

namespace FnfDsl
{
    /// <summary>Declares a member of the analysis' <c>Flavour</c> enum as a physics process with nominal yield N_f^0.</summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class FlavourAttribute : Attribute
    {
        /// <summary>The nominal expected number of events N_f^0 (must be positive).</summary>
        public double Yield { get; set; } = double.NaN;

        /// <summary>Whether this process is signal: a <see cref="PoiAttribute"/> that names no <see cref="PoiAttribute.Scales"/> multiplies the signal flavours.</summary>
        public bool IsSignal { get; set; }
    }
}
