using System.Runtime.CompilerServices;

// The tests check the fingerprint's canonical text directly.
[assembly: InternalsVisibleTo("FnfDsl.Generators.Tests")]
