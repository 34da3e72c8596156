using System.Text;

namespace FnfDsl.Testing.Toy;

/// <summary>Derives independent stream seeds from one master seed and a stream name.</summary>
/// <remarks>
/// Each sample, and each flavour inside a sample, draws from its own named stream, so changing one
/// sample's size or nuisance values never shifts the random numbers of another.
/// </remarks>
public static class SeedSequence
{
    /// <summary>The seed of stream <paramref name="name"/> under <paramref name="seed"/> (FNV-1a of the name, mixed by SplitMix64).</summary>
    public static ulong Derive(ulong seed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        ulong state = seed ^ hash;
        Xoshiro256StarStar.SplitMix64(ref state);
        return Xoshiro256StarStar.SplitMix64(ref state);
    }
}
