using System;

namespace FnfDsl
{
    /// <summary>
    /// Marks a <c>partial</c> class as an FNF analysis. The class declares, as nested types, a
    /// <c>Flavour</c> enum, a <c>partial struct Event</c>, and optionally <c>partial struct Nuisances</c>
    /// and <c>partial struct Pois</c>; the source generator completes them and emits the analysis' spec.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class AnalysisAttribute : Attribute
    {
        /// <summary>The likelihood the analysis maximises; <see cref="LikelihoodMode.Joint"/> by default.</summary>
        public LikelihoodMode Likelihood { get; set; } = LikelihoodMode.Joint;
    }
}
