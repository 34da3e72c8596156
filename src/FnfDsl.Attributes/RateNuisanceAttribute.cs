using System;

namespace FnfDsl
{
    /// <summary>
    /// Declares a <c>double</c> field of the analysis' <c>Nuisances</c> struct as a log-normal rate nuisance
    /// on one flavour: N_f is multiplied by kappa^nu. Give either <see cref="Kappa"/> (symmetric) or both
    /// <see cref="KappaDown"/> and <see cref="KappaUp"/> (the yield factors at nu = -1 and nu = +1, as in a datacard "0.90/1.12").
    /// </summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class RateNuisanceAttribute : Attribute
    {
        /// <summary>Declares a rate nuisance on one flavour.</summary>
        /// <param name="flavour">The flavour whose yield it scales (<c>nameof(Flavour.A)</c>).</param>
        public RateNuisanceAttribute(string flavour)
        {
            Flavour = flavour;
        }

        /// <summary>The flavour whose yield the nuisance scales.</summary>
        public string Flavour { get; }

        /// <summary>Symmetric log-normal factor: 1.10 means a 10 % rate uncertainty.</summary>
        public double Kappa { get; set; } = double.NaN;

        /// <summary>The yield factor at nu = -1 (asymmetric form, with <see cref="KappaUp"/>).</summary>
        public double KappaDown { get; set; } = double.NaN;

        /// <summary>The yield factor at nu = +1 (asymmetric form, with <see cref="KappaDown"/>).</summary>
        public double KappaUp { get; set; } = double.NaN;

        /// <summary>The constraint the nuisance carries; Gaussian by default.</summary>
        public Prior Prior { get; set; } = Prior.Gaussian;
    }
}
