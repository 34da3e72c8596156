using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>The head of one nuisance (or of one nu_k * nu_l cross term): one masked MLP per FNF layer giving that term's coefficients.</summary>
/// <remarks>
/// A nuisance head multiplies the monomials (nu_k, damping * nu_k^2) and outputs, per feature, the
/// coefficients (a, b) of s and (c, d) of t; a cross-term head multiplies one monomial nu_k * nu_l.
/// All of a nuisance's parameters live here, so training it alone never touches another head.
/// </remarks>
public sealed class FnfHead : nn.Module
{
    private readonly ModuleList<HeadMlp> layers;

    /// <summary>A head over the given nu columns (one, or two for a cross term) with one MLP per FNF layer.</summary>
    public FnfHead(string name, int[] nuisances, int[] hidden, bool[] moves, bool[] flavours,
                   int dim, int contextDim, int layerCount, Generator generator) : base(name)
    {
        HeadName = name;
        Nuisances = nuisances;
        Hidden = hidden;
        Moves = moves;
        Flavours = flavours;
        int[] sizes = [dim + contextDim, .. hidden, dim * 2 * Monomials];
        layers = new ModuleList<HeadMlp>();
        for (int l = 0; l < layerCount; l++) layers.Add(new HeadMlp(sizes, generator));
        RegisterComponents();
    }

    /// <summary>The head's name (its key in the transform).</summary>
    public string HeadName { get; }

    /// <summary>The nu columns whose monomials this head multiplies: [k] or [k, l].</summary>
    public int[] Nuisances { get; }

    /// <summary>Hidden sizes of each layer's MLP.</summary>
    public int[] Hidden { get; }

    /// <summary>Per feature: may this head move it.</summary>
    public bool[] Moves { get; }

    /// <summary>Per flavour: does this head apply to it.</summary>
    public bool[] Flavours { get; }

    /// <summary>Monomials per coefficient kind: 2 (nu, nu^2) for a nuisance head, 1 (nu_k nu_l) for a cross term.</summary>
    public int Monomials => Nuisances.Length == 1 ? 2 : 1;

    /// <summary>The MLP of FNF layer l.</summary>
    public HeadMlp Layer(int l) => layers[l];
}
