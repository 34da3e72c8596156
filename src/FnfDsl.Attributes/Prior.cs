namespace FnfDsl
{
    /// <summary>The constraint a nuisance parameter carries in the likelihood.</summary>
    public enum Prior
    {
        /// <summary>Gaussian constraint 0.5 * nu^2 (nu in units of its prior width: +-1 are the +-1 sigma variations).</summary>
        Gaussian = 0,

        /// <summary>Unconstrained: no constraint term.</summary>
        Free = 1,
    }
}
