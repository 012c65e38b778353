using System.Text.Json;
using ResourceApi.Conformance.Checks;

namespace ResourceApi.Conformance.Reports;

/// <summary>The report as JSON, for tools: one object per check, and the verdict.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(ConformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new
        {
            api = report.Api,
            issuer = report.Issuer,
            audience = report.Audience,
            startedAt = report.StartedAt,
            durationSeconds = Math.Round(report.Duration.TotalSeconds, 1),
            conforms = report.Conforms,
            summary = new[] { CheckLevel.Must, CheckLevel.Should, CheckLevel.Info }.ToDictionary(ResultWords.Level, level => new
            {
                pass = report.Count(level, Outcome.Pass),
                fail = report.Count(level, Outcome.Fail),
                skipped = report.Count(level, Outcome.Skipped),
            }),
            checks = report.Results.Select(r => new
            {
                id = r.Id,
                level = ResultWords.Level(r.Check.Level),
                rfc = r.Check.Rfc,
                family = r.Check.Family,
                title = r.Check.Title,
                result = ResultWords.Outcome(r.Outcome),
                detail = r.Verdict.Detail,
            }),
        }, Indented);
    }
}
