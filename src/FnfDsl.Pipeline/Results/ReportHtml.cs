using System.Globalization;
using System.Net;
using System.Text;
using FnfDsl.Profiling;
using FnfDsl.Tables;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;

namespace FnfDsl.Pipeline.Results;

/// <summary>report.html: a self-contained page (inline style, images by relative path) with the run's numbers and figures.</summary>
public static class ReportHtml
{
    /// <summary>File name of the report inside the run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Writes the report of <paramref name="results"/> with the figures found in <paramref name="outDir"/> to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, RunResults results, string outDir, IReadOnlyList<ReportExtra>? extras = null, string? summary = null) =>
        AtomicFile.WriteAllText(path, Render(results, outDir, extras, summary));

    /// <summary>The HTML text of the report.</summary>
    public static string Render(RunResults results, string outDir, IReadOnlyList<ReportExtra>? extras = null, string? summary = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        extras ??= [];
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>{Encode(results.Analysis)} report ({Encode(results.Mode)}, seed {results.Seed})</title>");
        html.AppendLine("<style>" + Style + "</style></head><body>");
        html.AppendLine($"<h1>{Encode(results.Analysis)} report: {Encode(results.Mode)} run, seed {results.Seed}</h1>");
        html.AppendLine($"<p>{Encode(summary ?? "The FnfDsl pipeline of this analysis: nominal flows, FNF systematics, the global fit and its scans, " +
                        "amortized profiling (with a DoI), Hessian modes and pulls, DoI bands, a Poisson-bootstrap ensemble and post-fit pseudo-data.")}</p>");

        Section(html, "Run", "Configuration and software of this run.");
        Table(html, ["", "value"],
        [
            ["mode", results.Mode],
            ["seed", Number(results.Seed)],
            ["fingerprint", results.Fingerprint],
            ["analysis declaration", results.AnalysisFingerprint],
            ["inputs", results.Inputs],
            ["expected yields", string.Join(", ", results.Yields.Select(p => $"{p.Key} = {Number(p.Value)}"))],
            ["true nuisances", results.Truth.Count == 0 ? "unknown (real data)" : string.Join(", ", results.Truth.Select(p => $"{p.Key} = {Number(p.Value)}"))],
            .. results.Options.Select(p => new[] { "option " + p.Key, p.Value }),
            ["written", results.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)],
            ["FnfDsl runtime", results.Versions.FnfDslRuntime],
            ["TorchSharp", results.Versions.TorchSharp],
            ["ScottPlot", results.Versions.ScottPlot],
            [".NET", results.Versions.DotNet],
        ]);

        Section(html, "Stages", "Wall time of each completed stage (a resumed run keeps the time of the run that produced the artifacts).");
        Table(html, ["stage", "seconds", "completed (UTC)"],
            results.Timings.Select(t => new[] { t.Stage, Fixed(t.Seconds, 1), t.CompletedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) }));

        if (results.Skipped.Count > 0)
        {
            html.AppendLine("<p>Stages that do not apply to this analysis:</p>");
            Table(html, ["stage", "why skipped"], results.Skipped.Select(p => new[] { p.Key, p.Value }));
        }

        FigureSection(html, outDir, Figures.DataVsSimulation);
        FigureSection(html, outDir, Figures.ResidualShift);

        bool doi = results.Step2 is not null || results.AmortizedBoxes is not null;
        Section(html, doi ? "Step 1: global fit" : "Fit",
            doi ? "Best fit of the DoI and the nuisances together; intervals from scans with the DoI fixed at the fit."
                : "Best fit of the nuisances (and POIs) with the simulation densities; intervals from profiled scans.");
        FitTable(html, results.Step1);
        FigureSection(html, outDir, Figures.PostFit);
        FigureSection(html, outDir, Figures.Scan1D);
        FigureSection(html, outDir, Figures.Scan2D);
        if (results.Step1?.Pois is not null || results.Step2?.Pois is not null) FigureSection(html, outDir, Figures.PoiScan);

        if (doi)
        {
            Section(html, "Step 2: amortized profiling", "Best fit and intervals of the profiled likelihood NLL(T(.; nu), nu) after the amortized training.");
            BoxTable(html, results.AmortizedBoxes);
            FitTable(html, results.Step2);
        }

        Section(html, doi ? "Hessian and principal modes" : "Hessian", "Hessian of the profiled NLL at its minimum; each eigen-mode m has width 1/sqrt(lambda_m).");
        HessianTables(html, results.Hessian);
        FigureSection(html, outDir, Figures.Pulls);
        if (doi)
        {
            FigureSection(html, outDir, Figures.PrincipalModes);
            FigureSection(html, outDir, Figures.DoiBands);
            Section(html, "Poisson bootstrap", "Fit through the averaged likelihood of M replicas trained with Poisson(1) event weights, and the spread of the replicas' best fits.");
            BootstrapTables(html, results.Bootstrap);
        }

        foreach (var extra in extras)
        {
            Section(html, extra.Title, extra.Explanation);
            if (results.Extras.TryGetValue(extra.Key, out var section)) Table(html, ["", "value"], Flatten(section, ""));
            foreach (var kind in extra.Figures) FigureSection(html, outDir, kind);
        }

        var others = Figures.Uncatalogued(outDir).Where(f => !extras.Any(e => e.Figures.Any(k => k.Matches(Path.GetFileName(f))))).ToList();
        if (others.Count > 0)
        {
            Section(html, "Other figures", "Figures of the run outside the standard catalogue.");
            foreach (string file in others) Figure(html, file, Path.GetFileNameWithoutExtension(file), "");
        }

        Section(html, "Settings", "Every size of the run (the " + Encode(results.Mode) + " preset).");
        html.AppendLine("<pre>" + Encode(ArtifactJson.Serialize(results.Settings)) + "</pre>");
        Section(html, "Artifacts", "Files of the run, relative to the run folder.");
        html.AppendLine("<ul>" + string.Concat(results.Artifacts.Select(a => $"<li><code>{Encode(a)}</code></li>")) + "</ul>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private const string Style =
        "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}" +
        "table{border-collapse:collapse;margin:0.5em 0 1em}td,th{border:1px solid #bbb;padding:0.25em 0.6em;text-align:right}" +
        "td:first-child,th:first-child{text-align:left}th{background:#eee}" +
        "figure{margin:1em 0}img{max-width:100%;border:1px solid #ddd}figcaption{font-size:0.9em;color:#444}" +
        "p.explain{color:#444}p.missing{color:#999;font-style:italic}pre{background:#f6f6f6;padding:0.5em;overflow:auto}";

    private static void Section(StringBuilder html, string title, string explanation)
    {
        html.AppendLine($"<h2>{Encode(title)}</h2>");
        html.AppendLine($"<p class=\"explain\">{Encode(explanation)}</p>");
    }

    private static void FigureSection(StringBuilder html, string outDir, FigureKind kind)
    {
        html.AppendLine($"<h3>{Encode(kind.Title)}</h3>");
        var files = Figures.FilesOf(outDir, kind);
        if (files.Count == 0)
        {
            html.AppendLine($"<p class=\"missing\">Not produced in this run ({Encode(kind.PathFor())}).</p>");
            return;
        }
        foreach (string file in files) Figure(html, file, kind.Title, kind.Caption);
    }

    private static void Figure(StringBuilder html, string file, string title, string caption)
    {
        html.AppendLine($"<figure><img src=\"{Encode(file)}\" alt=\"{Encode(title)}\">");
        html.AppendLine($"<figcaption><b>{Encode(Path.GetFileName(file))}</b>: {Encode(caption)}</figcaption></figure>");
    }

    private static void FitTable(StringBuilder html, FitSummary? fit)
    {
        if (fit is null)
        {
            html.AppendLine("<p class=\"missing\">Not run yet.</p>");
            return;
        }
        html.AppendLine($"<p>{Encode(fit.Step)}; NLL at the minimum = {Encode(Fixed(fit.NllAtMinimum, 3))}.</p>");
        bool boxed = fit.Nuisances.Any(n => n.TrainingBox is not null);
        if (boxed) html.AppendLine("<p>Scans stay inside the box the amortized DoI was trained in; an interval side that does not close inside it is shown as infinite.</p>");
        string[] header = ["nuisance", "best fit", "68 % interval", "95 % interval", "true value"];
        Table(html, boxed ? [.. header, "training box"] : header, fit.Nuisances.Select(n =>
        {
            string[] row = [n.Name, Signed(n.BestFit), IntervalText(n.OneSigma), IntervalText(n.NinetyFive), n.Injected is double v ? Signed(v) : ""];
            return boxed ? [.. row, n.TrainingBox is Interval b ? IntervalText(b) : ""] : row;
        }));
        if (fit.Pois is { Count: > 0 } pois)
            Table(html, ["parameter of interest", "best fit", "68 % interval", "95 % interval", "Z0"],
                pois.Select(p => new[] { p.Name, Signed(p.BestFit), IntervalText(p.OneSigma), IntervalText(p.NinetyFive), Fixed(p.Z0, 2) }));
    }

    private static void BoxTable(StringBuilder html, AmortizedBoxes? boxes)
    {
        if (boxes is null) return;
        html.AppendLine("<p>The residual R was trained twice: in the wide box (step-1 95 % intervals and the prior's 95 % range), then, " +
                        "starting from that R, in the focused box around the first amortized minimum, where the fit and the scans below stay.</p>");
        Table(html, ["nuisance", "wide box", "focused box"],
            boxes.Names.Select((name, k) => new[] { name, IntervalText(boxes.Wide[k]), IntervalText(boxes.Focused[k]) }));
    }

    /// <summary>The leaves of a JSON section as (path, value) rows, e.g. ("perFlavour[0].events", "2512").</summary>
    private static IEnumerable<string[]> Flatten(System.Text.Json.JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    foreach (var row in Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}")) yield return row;
                break;
            case System.Text.Json.JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                    foreach (var row in Flatten(item, $"{path}[{i++}]")) yield return row;
                break;
            case System.Text.Json.JsonValueKind.Number:
                yield return [path, Significant(element.GetDouble())];
                break;
            default:
                yield return [path, element.ToString()];
                break;
        }
    }

    private static void HessianTables(StringBuilder html, HessianSummary? hessian)
    {
        if (hessian is null)
        {
            html.AppendLine("<p class=\"missing\">Not run yet.</p>");
            return;
        }
        html.AppendLine(hessian.Method is null ? "<p>Hessian matrix H:</p>" : $"<p>Hessian matrix H ({Encode(hessian.Method)}):</p>");
        Table(html, ["", .. hessian.Nuisances],
            hessian.Nuisances.Select((name, i) => new[] { name }.Concat(hessian.Matrix[i].Select(v => Significant(v))).ToArray()));
        if (double.IsFinite(hessian.CheckMaxRelativeDifference))
            html.AppendLine($"<p>Check against central differences of the gradient (step {Significant(hessian.CheckStep)}): largest |H - H<sub>FD</sub>| / sqrt(H<sub>ii</sub> H<sub>jj</sub>) = {Fixed(100 * hessian.CheckMaxRelativeDifference, 2)} %.</p>");
        html.AppendLine("<p>Eigen-decomposition:</p>");
        Table(html, ["mode", "eigenvalue", "width 1/sqrt(λ)", .. hessian.Nuisances],
            hessian.Eigenvalues.Select((lambda, m) => new[]
            {
                Number(m + 1), Significant(lambda), lambda > 0 ? Fixed(1 / Math.Sqrt(lambda), 4) : "n/a",
            }.Concat(hessian.Eigenvectors[m].Select(Signed)).ToArray()));
    }

    private static void BootstrapTables(StringBuilder html, BootstrapSummary? bootstrap)
    {
        if (bootstrap is null)
        {
            html.AppendLine("<p class=\"missing\">Not run yet.</p>");
            return;
        }
        html.AppendLine($"<p>M = {bootstrap.Replicas} replicas. Fit through the averaged likelihood:</p>");
        Table(html, ["nuisance", "best fit", "68 % interval", "95 % interval", "true value"],
            bootstrap.Combined.Select(n => new[] { n.Name, Signed(n.BestFit), IntervalText(n.OneSigma), IntervalText(n.NinetyFive), n.Injected is double v ? Signed(v) : "" }));
        html.AppendLine("<p>Spread of the replicas' best fits:</p>");
        Table(html, ["nuisance", "mean", "std. dev.", "min", "max"],
            bootstrap.Spread.Select(s => new[] { s.Name, Signed(s.Mean), Fixed(s.StdDev, 4), Signed(s.Min), Signed(s.Max) }));
    }

    private static void Table(StringBuilder html, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<table><tr>");
        foreach (string h in header) html.Append($"<th>{Encode(h)}</th>");
        html.AppendLine("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (string cell in row) html.Append($"<td>{Encode(cell)}</td>");
            html.AppendLine("</tr>");
        }
        html.AppendLine("</table>");
    }

    private static string IntervalText(Interval interval) => $"[{Signed(interval.Low)}, {Signed(interval.High)}]";

    /// <summary>"+1.234" / "-0.500"; infinite ends as "-inf" / "+inf" (a scan that never crossed the level).</summary>
    private static string Signed(double value) =>
        double.IsPositiveInfinity(value) ? "+inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Significant(double value) => value.ToString("G5", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
