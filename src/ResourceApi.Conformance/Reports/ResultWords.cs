using ResourceApi.Conformance.Checks;

namespace ResourceApi.Conformance.Reports;

/// <summary>The words every report uses for levels and outcomes, so the console, Markdown and JSON agree.</summary>
internal static class ResultWords
{
    public static string Level(CheckLevel level) => level switch
    {
        CheckLevel.Must => "MUST",
        CheckLevel.Should => "SHOULD",
        _ => "INFO",
    };

    public static string Outcome(Outcome outcome) => outcome switch
    {
        Checks.Outcome.Pass => "PASS",
        Checks.Outcome.Fail => "FAIL",
        _ => "SKIP",
    };

    /// <summary>"MUST 27 pass, 0 fail; SHOULD ...": the line under every table.</summary>
    public static string Summary(ConformanceReport report) =>
        string.Join("; ", new[] { CheckLevel.Must, CheckLevel.Should, CheckLevel.Info }.Select(level =>
            $"{Level(level)} {report.Count(level, Checks.Outcome.Pass)} pass, {report.Count(level, Checks.Outcome.Fail)} fail, {report.Count(level, Checks.Outcome.Skipped)} skipped"))
        + (report.Conforms ? ". Every MUST passes." : $". {report.Results.Count(r => r.FailsConformance)} MUST check(s) fail.");
}
