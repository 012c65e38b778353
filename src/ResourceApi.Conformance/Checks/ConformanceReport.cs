namespace ResourceApi.Conformance.Checks;

/// <summary>One run of the kit against one API.</summary>
internal sealed record ConformanceReport(string Api, string Issuer, string Audience, DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CheckResult> Results)
{
    /// <summary>Every MUST passed (skipped ones aside): exit code 0.</summary>
    public bool Conforms => !Results.Any(r => r.FailsConformance);

    public int Count(CheckLevel level, Outcome outcome) => Results.Count(r => r.Check.Level == level && r.Outcome == outcome);

    public CheckResult this[string id] => Results.Single(r => r.Id == id);
}
