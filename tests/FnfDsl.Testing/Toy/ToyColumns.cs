namespace FnfDsl.Testing.Toy;

/// <summary>Column names and schemas of the toy samples.</summary>
/// <remarks>
/// Simulation samples: x, y1, y2, flavour. Data: x, y1, y2 (what a fit may see), then the truth columns
/// flavour_true, y1_true, y2_true (undistorted features) and u (true kinematic), for tests and plots only.
/// </remarks>
public static class ToyColumns
{
    /// <summary>Observed kinematic x.</summary>
    public const string X = "x";

    /// <summary>First feature y1 (distorted in data).</summary>
    public const string Y1 = "y1";

    /// <summary>Second feature y2 (distorted in data).</summary>
    public const string Y2 = "y2";

    /// <summary>Flavour label of a simulation event (0 = A, 1 = B).</summary>
    public const string Flavour = "flavour";

    /// <summary>Truth: flavour of a data event (0 = A, 1 = B); never for the fit.</summary>
    public const string FlavourTrue = "flavour_true";

    /// <summary>Truth: undistorted y1 of a data event.</summary>
    public const string Y1True = "y1_true";

    /// <summary>Truth: undistorted y2 of a data event.</summary>
    public const string Y2True = "y2_true";

    /// <summary>Truth: true kinematic u of a data event (x = u (1 + 0.05 nu_x)).</summary>
    public const string U = "u";

    /// <summary>The feature columns, in order.</summary>
    public static IReadOnlyList<string> Features { get; } = [Y1, Y2];

    /// <summary>The columns a fit may see in data.</summary>
    public static IReadOnlyList<string> Observed { get; } = [X, Y1, Y2];

    /// <summary>Schema of a simulation sample (nominal or variation).</summary>
    public static TableSchema Simulation { get; } = new(
        [new(X), new(Y1), new(Y2), new(Flavour, ColumnKind.Int)]);

    /// <summary>Schema of the data sample with its truth columns.</summary>
    public static TableSchema Data { get; } = new(
        [new(X), new(Y1), new(Y2), new(FlavourTrue, ColumnKind.Int), new(Y1True), new(Y2True), new(U)]);
}
