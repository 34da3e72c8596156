using System;

namespace FnfDsl
{
    /// <summary>
    /// Declares a <c>double</c> field of the analysis' <c>Nuisances</c> struct as a shape nuisance: an FNF head
    /// that learns, from the variation samples at nu = +-1, how the nuisance moves the variables it may move.
    /// nu is in units of the prior width: the Up/Down samples are the +-1 sigma variations, and the constraint is 0.5 nu^2.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class ShapeNuisanceAttribute : Attribute
    {
        /// <summary>Declares a shape nuisance with the given constraint.</summary>
        /// <param name="prior">Gaussian-constrained (0.5 nu^2 in the likelihood, nu in units of the prior width) or free.</param>
        public ShapeNuisanceAttribute(Prior prior = Prior.Gaussian)
        {
            Prior = prior;
        }

        /// <summary>The constraint the nuisance carries in the likelihood.</summary>
        public Prior Prior { get; }

        /// <summary>The variables (<c>nameof(Event.X)</c>) the nuisance may move; at least one.</summary>
        public string[] Moves { get; set; } = new string[0];

        /// <summary>The flavours (<c>nameof(Flavour.A)</c>) the nuisance touches; every flavour when empty.</summary>
        public string[] Flavours { get; set; } = new string[0];


        /// <summary>Hidden layer sizes of the nuisance's FNF head (default 32 x 2, as in the FNF paper).</summary>
        public int[] Hidden { get; set; } = PaperDefaults.HeadHidden;

        /// <summary>The label of the +1 sigma variation sample; the field's name + "Up" by default.</summary>
        public string? Up { get; set; }

        /// <summary>The label of the -1 sigma variation sample; the field's name + "Down" by default.</summary>
        public string? Down { get; set; }
    }
}
