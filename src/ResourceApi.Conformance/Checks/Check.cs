namespace ResourceApi.Conformance.Checks;

/// <summary>How binding a check is: RFC 2119 MUST, SHOULD, or INFO for a MAY or for what the kit only reports.</summary>
internal enum CheckLevel
{
    Must,
    Should,
    Info,
}

internal enum Outcome
{
    Pass,
    Fail,
    /// <summary>Not applicable to this API (RFC 9728 not served) or not asked for (<c>--long</c>).</summary>
    Skipped,
}

/// <summary>A check's outcome and a short, human reason: what came back.</summary>
internal sealed record Verdict(Outcome Outcome, string Detail)
{
    public static Verdict Pass(string detail) => new(Outcome.Pass, detail);

    public static Verdict Fail(string detail) => new(Outcome.Fail, detail);

    public static Verdict Skip(string detail) => new(Outcome.Skipped, detail);

    public static Verdict When(bool pass, string detail) => new(pass ? Outcome.Pass : Outcome.Fail, detail);
}

/// <summary>One conformance check: an id, its level and RFC section, what it asserts, and how.</summary>
internal sealed record Check(string Id, CheckLevel Level, string Rfc, string Family, string Title, Func<CheckContext, Task<Verdict>> RunAsync);

/// <summary>A check as it ran against the API.</summary>
internal sealed record CheckResult(Check Check, Verdict Verdict)
{
    public string Id => Check.Id;

    public Outcome Outcome => Verdict.Outcome;

    /// <summary>A failed MUST: the API does not conform, the kit exits 1.</summary>
    public bool FailsConformance => Check.Level == CheckLevel.Must && Outcome == Outcome.Fail;
}
