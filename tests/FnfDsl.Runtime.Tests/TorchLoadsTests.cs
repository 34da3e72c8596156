using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests;

/// Proves the build's ELF patch works: libLibTorchSharp.so loads and a tensor op runs.
public class TorchLoadsTests
{
    [Fact]
    public void TensorOpRunsWithPatchedNativeLibrary()
    {
        using var a = tensor(new double[] { 1, 2, 3 });
        using var b = a.mul(2).sum();
        Assert.Equal(12.0, b.item<double>());
    }

    [Fact]
    public void TheLoadedLibLibTorchSharpIsThePatchedCopy()
    {
        using var t = ones(2); // force the native load
        var maps = File.ReadAllLines("/proc/self/maps")
            .Where(l => l.Contains("libLibTorchSharp.so"))
            .Select(l => l[(l.IndexOf('/'))..])
            .Distinct().ToList();
        Assert.NotEmpty(maps);
        foreach (var path in maps)
        {
            // The loaded copy is the one the build patched in this output folder, not a fallback copy.
            Assert.StartsWith(Path.GetFullPath(AppContext.BaseDirectory), path);
            Assert.DoesNotContain("/cpu/", path);
            var psi = new System.Diagnostics.ProcessStartInfo("readelf", $"-V \"{path}\"") { RedirectStandardOutput = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            string entry = p.StandardOutput.ReadToEnd().Split('\n').Single(l => l.Contains("Name: GLIBCXX_3.4.32"));
            p.WaitForExit();
            Assert.Contains("WEAK", entry);
        }
    }
}
