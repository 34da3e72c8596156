namespace FnfDsl.Testing.Toy;

/// <summary>The two flavours (physics processes) of the toy; the value is the integer stored in flavour columns.</summary>
public enum ToyFlavour
{
    /// <summary>Flavour A: u ~ N(2.0, 0.6), positive y correlation.</summary>
    A = 0,

    /// <summary>Flavour B: u ~ N(3.0, 0.9), negative y correlation.</summary>
    B = 1,
}
