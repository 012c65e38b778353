using ResourceApi.Conformance.Checks;

namespace ResourceApi.Conformance.Reports;

/// <summary>The table the command prints: one line per check, the reason beside it.</summary>
internal static class ConsoleTable
{
    // Widths from the catalog, so lines can be printed as checks finish.
    private static readonly int IdWidth = CheckCatalog.All.Max(c => c.Id.Length);
    private static readonly int RfcWidth = CheckCatalog.All.Max(c => c.Rfc.Length);

    public static string Header => $"{"RESULT",-6}  {"LEVEL",-6}  {"ID".PadRight(IdWidth)}  {"RFC".PadRight(RfcWidth)}  DETAIL";

    /// <summary>The whole table at once.</summary>
    public static void Write(TextWriter output, ConformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        output.WriteLine(Header);
        foreach (var result in report.Results)
        {
            output.WriteLine(Line(result));
        }
        output.WriteLine();
        output.WriteLine(ResultWords.Summary(report));
    }

    public static string Line(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"{ResultWords.Outcome(result.Outcome),-6}  {ResultWords.Level(result.Check.Level),-6}  {result.Id.PadRight(IdWidth)}  {result.Check.Rfc.PadRight(RfcWidth)}  {result.Verdict.Detail}";
    }
}
