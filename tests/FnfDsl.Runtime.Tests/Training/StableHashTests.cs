using FnfDsl.Training;

namespace FnfDsl.Tests.Training;

/// <summary>Seeds derived from names are the same in every process: FNV-1a's published test vectors.</summary>
public sealed class StableHashTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void MatchesFnv1a(string text, ulong expected) => Assert.Equal(expected, StableHash.Of(text));
}
