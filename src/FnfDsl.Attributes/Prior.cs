namespace FnfDsl
{
    /// <summary>The constraint a nuisance parameter carries in the likelihood.</summary>
    public enum Prior
    {
        /// <summary>Gaussian constraint 0.5 * (nu / width)^2; a rate nuisance's width is 1, a shape nuisance's its declared Width.</summary>
        Gaussian = 0,

        /// <summary>Unconstrained: no constraint term.</summary>
        Free = 1,
    }
}
