namespace FnfDsl.Generators.Model;

/// <summary>A flavour (physics process): its enum member name, nominal yield N_f^0 and signal flag.</summary>
public sealed record FlavourModel(string Name, double Yield, bool IsSignal);
