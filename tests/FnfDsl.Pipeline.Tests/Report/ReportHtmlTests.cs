using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>report.html shows every figure present, the numbers of every section, and says what is missing.</summary>
public sealed class ReportHtmlTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void WriteFigure(string relative)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_folder.File(relative))!);
        File.WriteAllBytes(_folder.File(relative), [0x89, (byte)'P', (byte)'N', (byte)'G']);
    }

    [Fact]
    public void Report_ContainsEveryFigureAndTheNumbers()
    {
        foreach (var kind in Figures.All) WriteFigure(kind.PathFor());
        WriteFigure(Figures.Scan2D.PathFor("step2"));
        WriteFigure("figures/extra_diagnostic.png");
        var results = SampleResults.Full(TestConfigs.Default(_folder.Path));

        string html = ReportHtml.Render(results, _folder.Path);

        foreach (var kind in Figures.All)
        {
            Assert.Contains($"<img src=\"{kind.PathFor()}\"", html);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(kind.Caption), html);
        }
        Assert.Contains("<img src=\"figures/scan2d_step2.png\"", html);
        Assert.Contains("<img src=\"figures/extra_diagnostic.png\"", html);
        Assert.Contains("<td>variation_x</td><td>+0.873</td><td>[+0.512, +1.204]</td><td>[+0.100, +1.610]</td><td>+1.000</td>", html);
        Assert.Contains("<td>variation_y</td><td>-0.441</td><td>[-0.900, +0.050]</td><td>[-inf, +0.600]</td><td></td>", html);
        Assert.Contains("<td>variation_y</td><td>-0.513</td>", html);
        Assert.Contains("<td>mu</td><td>+1.234</td><td>[+0.900, +1.610]</td><td>[+0.550, +2.000]</td><td>3.22</td>", html);
        Assert.Contains("NLL at the minimum = 10234.568", html);
        Assert.Contains("<td>3.3215</td><td>0.5487</td><td>+0.290</td><td>+0.957</td>", html);
        Assert.Contains("<td>variation_x</td><td>8.25</td><td>-1.5</td>", html);
        Assert.Contains("M = 5 replicas", html);
        Assert.Contains("<td>variation_x</td><td>+0.942</td><td>0.0259</td><td>+0.910</td><td>+0.970</td>", html);
        Assert.Contains(results.Fingerprint, html);
        Assert.Contains("<td>generate</td><td>3.3</td>", html);
        Assert.Contains("<code>data/manifest.json</code>", html);
        Assert.DoesNotContain("Not run yet", html);
        Assert.DoesNotContain("Not produced in this run", html);
    }

    [Fact]
    public void Report_SaysWhatIsMissing()
    {
        var results = SampleResults.Full(TestConfigs.Default(_folder.Path)) with { Step2 = null, Hessian = null, Bootstrap = null };

        string html = ReportHtml.Render(results, _folder.Path);

        Assert.Equal(3, CountOf(html, "Not run yet."));
        // Without POIs (step 1 has none) the POI figure is not part of the report at all.
        Assert.Equal(Figures.All.Count - 1, CountOf(html, "Not produced in this run"));
        Assert.DoesNotContain(Figures.PoiScan.Title, html);
        Assert.Contains("figures/postfit.png", html);
    }

    [Fact]
    public void Report_EncodesText()
    {
        var results = SampleResults.Full(TestConfigs.Default(_folder.Path)) with
        {
            Step1 = SampleResults.Step1 with { Step = "step <1> & \"more\"" },
        };

        string html = ReportHtml.Render(results, _folder.Path);

        Assert.Contains("step &lt;1&gt; &amp; &quot;more&quot;", html);
        Assert.DoesNotContain("step <1>", html);
    }

    [Fact]
    public void Write_IsAtomicAndSelfContained()
    {
        string path = _folder.File(ReportHtml.FileName);

        ReportHtml.Write(path, SampleResults.Full(TestConfigs.Default(_folder.Path)), _folder.Path);

        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<style>", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script", html);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
