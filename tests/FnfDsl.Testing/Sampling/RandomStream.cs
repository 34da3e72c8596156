namespace FnfDsl.Testing.Toy;

/// <summary>Uniform, normal and Poisson draws from one seeded xoshiro256** stream.</summary>
public sealed class RandomStream
{
    private readonly Xoshiro256StarStar _bits;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>A stream seeded with <paramref name="seed"/>.</summary>
    public RandomStream(ulong seed) => _bits = new Xoshiro256StarStar(seed);

    /// <summary>The stream named <paramref name="name"/> under the master <paramref name="seed"/> (see <see cref="SeedSequence"/>).</summary>
    public RandomStream(ulong seed, string name) : this(SeedSequence.Derive(seed, name)) { }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextUniform() => _bits.NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>) without modulo bias.</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be positive");
        // Lemire's multiply-shift with rejection of the short first interval.
        ulong range = (ulong)exclusiveMax;
        UInt128 product = (UInt128)_bits.NextUInt64() * range;
        ulong low = (ulong)product;
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = (UInt128)_bits.NextUInt64() * range;
                low = (ulong)product;
            }
        }
        return (int)(product >> 64);
    }

    /// <summary>A standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call).</summary>
    public double NextStandardNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double v1, v2, s;
        do
        {
            v1 = 2.0 * _bits.NextDouble() - 1.0;
            v2 = 2.0 * _bits.NextDouble() - 1.0;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v2 * factor;
        _hasSpare = true;
        return v1 * factor;
    }

    /// <summary>A Poisson draw with the given mean (see <see cref="PoissonSampler"/>).</summary>
    public int NextPoisson(double mean) => PoissonSampler.Sample(this, mean);
}
