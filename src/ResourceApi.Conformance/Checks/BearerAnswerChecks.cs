namespace ResourceApi.Conformance.Checks;

/// <summary>RFC 6750: how the API answers a missing, bad or malformed credential, and that it never hands a token back.</summary>
internal static class BearerAnswerChecks
{
    private const string Family = "RFC 6750";

    public static IEnumerable<Check> Answers() =>
    [
        new("no-token-challenge", CheckLevel.Must, "RFC 6750 §3", Family,
            "A request without a token gets 401 with a WWW-Authenticate: Bearer challenge", NoTokenChallengeAsync),
        new("no-token-no-error", CheckLevel.Should, "RFC 6750 §3.1", Family,
            "That challenge carries no error code (the request had no credentials)", NoTokenNoErrorAsync),
        new("bad-token-invalid-token", CheckLevel.Should, "RFC 6750 §3.1", Family,
            "Every bad token above got 401 with Bearer error=\"invalid_token\"", BadTokenAnswersAsync),
        new("problem-details", CheckLevel.Info, "RFC 9457 §3", Family,
            "Refusals carry an application/problem+json body", ProblemDetailsAsync),
        new("malformed-refused", CheckLevel.Must, "RFC 6750 §2.1", Family,
            "Malformed credentials (Bearer with no token, two credentials, non-b64token characters) get a 4xx",
            ctx => MalformedAsync(ctx, expect400: false)),
        new("malformed-400", CheckLevel.Should, "RFC 6750 §3.1", Family,
            "Each of them, and a token in both header and query, gets 400 with Bearer error=\"invalid_request\"",
            ctx => MalformedAsync(ctx, expect400: true)),
        new("query-token-refused", CheckLevel.Should, "RFC 6750 §2.3, §5.3", Family,
            "A valid token in the access_token query parameter is not accepted", QueryTokenAsync),
    ];

    /// <summary>Runs last: scans every answer the kit got.</summary>
    public static Check NoTokenEcho() =>
        new("no-token-echo", CheckLevel.Must, "RFC 6750 §5.2", Family,
            "No answer, header or body, echoed a token the kit sent", NoTokenEchoAsync);

    private static async Task<Verdict> NoTokenChallengeAsync(CheckContext ctx)
    {
        var answer = await ctx.AnonymousAsync();
        var header = answer.WwwAuthenticate.Count == 0 ? "no WWW-Authenticate" : string.Join(" | ", answer.WwwAuthenticate);
        return Verdict.When(answer.Status == 401 && answer.Bearer is not null, $"{answer.Status}, {header}");
    }

    private static async Task<Verdict> NoTokenNoErrorAsync(CheckContext ctx)
    {
        var answer = await ctx.AnonymousAsync();
        if (answer.Bearer is null)
        {
            return Verdict.Fail("no Bearer challenge");
        }
        return Verdict.When(answer.Error is null, answer.Error is null ? "no error code" : $"error=\"{answer.Error}\"");
    }

    private static Task<Verdict> BadTokenAnswersAsync(CheckContext ctx)
    {
        var refused = ctx.BadTokenAnswers.Where(a => a.Answer.IsRefusal && a.Answer.Status != 403).ToList();
        var off = refused.Where(a => a.Answer.Status != 401 || a.Answer.Error != "invalid_token").ToList();
        if (refused.Count == 0)
        {
            return Task.FromResult(Verdict.Skip("no bad token was refused"));
        }
        return Task.FromResult(off.Count == 0
            ? Verdict.Pass($"{refused.Count}/{refused.Count} refusals: 401 invalid_token")
            : Verdict.Fail($"{off.Count} of {refused.Count} refusals differ: " +
                string.Join("; ", off.GroupBy(a => a.Answer.Summary).Select(g => $"{g.Key} ({string.Join(", ", g.Select(a => a.CheckId).Distinct())})"))));
    }

    private static Task<Verdict> ProblemDetailsAsync(CheckContext ctx)
    {
        var refusals = ctx.BadTokenAnswers.Select(a => a.Answer).Where(a => a.IsRefusal).ToList();
        var problems = refusals.Count(a => a.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true);
        return Task.FromResult(Verdict.When(refusals.Count > 0 && problems == refusals.Count,
            $"{problems}/{refusals.Count} with application/problem+json"));
    }

    private static async Task<Verdict> MalformedAsync(CheckContext ctx, bool expect400)
    {
        var valid = ctx.Token().Build();
        var separator = ctx.Options.Path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var cases = new List<(string Name, string PathAndQuery, string Authorization)>
        {
            ("Bearer with no token", ctx.Options.Path, "Bearer"),
            ("two credentials", ctx.Options.Path, $"Bearer {valid}, Bearer {valid}"),
            ("non-b64token characters", ctx.Options.Path, "Bearer not a token!"),
        };
        if (expect400)
        {
            // "More than one method" (RFC 6750 §2) is the client's MUST NOT; answering it 400 is the server's SHOULD.
            cases.Add(("header and query both", $"{ctx.Options.Path}{separator}access_token={valid}", "Bearer " + valid));
        }
        var wrong = new List<string>();
        var seen = new List<string>();
        foreach (var (name, pathAndQuery, authorization) in cases)
        {
            var answer = await ctx.Probe.SendAsync(HttpMethod.Get, pathAndQuery, authorization, valid);
            seen.Add($"{name}: {answer.Summary}");
            var ok = expect400 ? answer.Status == 400 && answer.Error == "invalid_request" : answer.IsRefusal;
            if (!ok)
            {
                wrong.Add($"{name}: {answer.Summary}");
            }
        }
        return wrong.Count == 0
            ? Verdict.Pass(expect400 ? $"{cases.Count}/{cases.Count}: 400 invalid_request" : string.Join("; ", seen))
            : Verdict.Fail(string.Join("; ", wrong));
    }

    private static async Task<Verdict> QueryTokenAsync(CheckContext ctx)
    {
        var valid = ctx.Token().Build();
        var separator = ctx.Options.Path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var answer = await ctx.Probe.SendAsync(HttpMethod.Get, $"{ctx.Options.Path}{separator}access_token={valid}", null, valid);
        return Verdict.When(!answer.IsSuccess && answer.Status is > 0 and < 500, answer.IsSuccess ? $"ACCEPTED ({answer.Status})" : answer.Summary);
    }

    private static Task<Verdict> NoTokenEchoAsync(CheckContext ctx)
    {
        // A token, or its signature alone, anywhere in any answer: an API that echoes credentials leaks them to logs and proxies.
        var secrets = ctx.Probe.SentTokens.Distinct()
            .SelectMany(t => new[] { t, t[(t.LastIndexOf('.') + 1)..] })
            .Where(s => s.Length >= 24)
            .ToHashSet(StringComparer.Ordinal);
        var answers = ctx.Probe.Answers.ToList();
        var echoing = answers.Count(a => secrets.Any(s => a.AllText.Contains(s, StringComparison.Ordinal)));
        return Task.FromResult(Verdict.When(echoing == 0, $"{echoing} of {answers.Count} answers echoed a token ({secrets.Count} tokens and signatures looked for)"));
    }
}
