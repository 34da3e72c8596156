namespace FnfDsl.Pipeline.Configuration;

/// <summary>Shape of a rational-quadratic neural spline flow (method.md section 2).</summary>
/// <param name="Layers">Autoregressive spline layers.</param>
/// <param name="Bins">Spline bins per dimension.</param>
/// <param name="HiddenWidth">Units per hidden layer of each masked MLP.</param>
/// <param name="HiddenDepth">Hidden layers of each masked MLP ("128x4" is width 128, depth 4).</param>
public sealed record FlowSettings(int Layers, int Bins, int HiddenWidth, int HiddenDepth);
