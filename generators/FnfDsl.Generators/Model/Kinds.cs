namespace FnfDsl.Generators.Model;

// The generator does not reference FnfDsl.Attributes (it reads attributes by metadata name), so it
// mirrors the DSL's enums here; the numeric values match FnfDsl.Prior and FnfDsl.LikelihoodMode.

/// <summary>The constraint a nuisance carries (mirrors FnfDsl.Prior).</summary>
public enum PriorKind
{
    /// <summary>Gaussian constraint 0.5 nu^2.</summary>
    Gaussian = 0,

    /// <summary>No constraint.</summary>
    Free = 1,
}

/// <summary>The likelihood an analysis maximises (mirrors FnfDsl.LikelihoodMode).</summary>
public enum LikelihoodKind
{
    /// <summary>Extended likelihood of (x, y).</summary>
    Joint = 0,

    /// <summary>Likelihood of y given x.</summary>
    Conditional = 1,
}

/// <summary>Whether an event variable is conditioning (x) or discriminating (y).</summary>
public enum VariableRole
{
    /// <summary>A kinematic variable x.</summary>
    Kinematic,

    /// <summary>A feature y.</summary>
    Feature,
}
