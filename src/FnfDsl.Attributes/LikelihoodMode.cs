namespace FnfDsl
{
    /// <summary>Which likelihood an analysis maximises (method.md section 1).</summary>
    public enum LikelihoodMode
    {
        /// <summary>Extended likelihood of (x, y): kinematic and feature densities.</summary>
        Joint = 0,

        /// <summary>Likelihood of y given x only, with flavour fractions omega_f(x).</summary>
        Conditional = 1,
    }
}
