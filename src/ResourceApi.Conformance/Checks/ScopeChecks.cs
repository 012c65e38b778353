namespace ResourceApi.Conformance.Checks;

/// <summary>Scopes: a valid token without the route's scope is refused, and the answer says which scope it lacks.</summary>
internal static class ScopeChecks
{
    private const string Family = "Scopes";
    private const string UnrelatedScope = "conformance:unrelated";

    public static IEnumerable<Check> All() =>
    [
        new("missing-scope-refused", CheckLevel.Must, "RFC 6750 §3.1", Family,
            "A valid token without the route's scope is refused", MissingScopeRefusedAsync),
        new("no-scope-claim-refused", CheckLevel.Must, "RFC 6750 §3.1", Family,
            "A valid token with no scope claim at all is refused",
            ctx => NeedsScope(ctx) ?? ExpectRefusalAsync(ctx, ctx.Token().Without("scope").Build())),
        new("insufficient-scope-403", CheckLevel.Should, "RFC 6750 §3.1", Family,
            "That refusal is 403 with WWW-Authenticate: Bearer error=\"insufficient_scope\"",
            ctx => NeedsScope(ctx) ?? InsufficientScopeAsync(ctx, HttpMethod.Get, ctx.Options.Path, ctx.Token(UnrelatedScope).Build(), ctx.Options.Scope!, namesIt: false)),
        new("insufficient-scope-names-it", CheckLevel.Info, "RFC 6750 §3.1", Family,
            "The insufficient_scope challenge's scope attribute names the scope needed (a MAY)",
            ctx => NeedsScope(ctx) ?? InsufficientScopeAsync(ctx, HttpMethod.Get, ctx.Options.Path, ctx.Token(UnrelatedScope).Build(), ctx.Options.Scope!, namesIt: true)),
        new("write-scope-refused", CheckLevel.Must, "RFC 6750 §3.1", Family,
            "A token with the read scope only is refused on --write-path", WriteRefusedAsync),
        new("write-scope-403", CheckLevel.Should, "RFC 6750 §3.1", Family,
            "That refusal is 403 with Bearer error=\"insufficient_scope\"",
            ctx => NeedsWrite(ctx) ?? InsufficientScopeAsync(ctx, new HttpMethod(ctx.Options.WriteMethod), ctx.Options.WritePath!, ctx.Token().Build(), ctx.Options.WriteScope!, namesIt: false)),
    ];

    private static Task<Verdict>? NeedsScope(CheckContext ctx) =>
        ctx.Options.Scope is null ? Task.FromResult(Verdict.Skip("no --scope given")) : null;

    private static Task<Verdict>? NeedsWrite(CheckContext ctx) =>
        ctx.Options.WritePath is null || ctx.Options.WriteScope is null ? Task.FromResult(Verdict.Skip("no --write-path/--write-scope given")) : null;

    private static Task<Verdict> MissingScopeRefusedAsync(CheckContext ctx) =>
        NeedsScope(ctx) ?? ExpectRefusalAsync(ctx, ctx.Token(UnrelatedScope).Build());

    private static async Task<Verdict> ExpectRefusalAsync(CheckContext ctx, string token)
    {
        var answer = await ctx.Probe.GetAsync(token);
        return Verdict.When(answer.IsRefusal, answer.IsSuccess ? $"ACCEPTED ({answer.Status})" : answer.Summary);
    }

    private static async Task<Verdict> WriteRefusedAsync(CheckContext ctx)
    {
        if (NeedsWrite(ctx) is { } skip)
        {
            return await skip;
        }
        var answer = await SendWriteAsync(ctx, ctx.Token().Build());
        return Verdict.When(answer.IsRefusal, answer.IsSuccess ? $"ACCEPTED ({answer.Status})" : answer.Summary);
    }

    private static Task<ProbeResponse> SendWriteAsync(CheckContext ctx, string token) =>
        ctx.Probe.SendAsync(new HttpMethod(ctx.Options.WriteMethod), ctx.Options.WritePath!, "Bearer " + token, token, jsonBody: "{}");

    private static async Task<Verdict> InsufficientScopeAsync(CheckContext ctx, HttpMethod method, string path, string token, string needed, bool namesIt)
    {
        var answer = await ctx.Probe.SendAsync(method, path, "Bearer " + token, token, jsonBody: method == HttpMethod.Get ? null : "{}");
        var header = answer.WwwAuthenticate.Count == 0 ? "no WWW-Authenticate" : "WWW-Authenticate: " + string.Join(" | ", answer.WwwAuthenticate);
        if (answer.Status != 403 || answer.Error != "insufficient_scope")
        {
            return Verdict.Fail($"{answer.Status}, {header}");
        }
        if (!namesIt)
        {
            return Verdict.Pass($"403 insufficient_scope");
        }
        var scopes = (answer.Bearer?["scope"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Verdict.When(scopes.Contains(needed, StringComparer.Ordinal), $"scope=\"{answer.Bearer?["scope"]}\"");
    }
}
