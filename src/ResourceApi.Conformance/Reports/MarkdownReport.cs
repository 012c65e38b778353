using System.Globalization;
using ResourceApi.Conformance.Checks;

namespace ResourceApi.Conformance.Reports;

/// <summary>The report as a Markdown page: for a CI job summary or a pull request.</summary>
internal static class MarkdownReport
{
    public static string Write(ConformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new System.Text.StringBuilder();
        text.AppendLine("# resource-server-check");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"API `{report.Api}`, issuer `{report.Issuer}`, audience `{report.Audience}`, {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {report.Duration.TotalSeconds:0.0} s.");
        text.AppendLine();
        text.AppendLine("| Result | Level | Id | RFC | Check | Detail |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var r in report.Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {ResultWords.Outcome(r.Outcome)} | {ResultWords.Level(r.Check.Level)} | `{r.Id}` | {r.Check.Rfc} | {Cell(r.Check.Title)} | {Cell(r.Verdict.Detail)} |");
        }
        text.AppendLine();
        text.AppendLine(ResultWords.Summary(report));
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
