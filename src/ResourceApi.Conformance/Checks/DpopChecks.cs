using System.Text.Json;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Checks;

/// <summary>
/// DPoP (RFC 9449), when the API advertises it (a <c>DPoP</c> challenge, or <c>dpop_signing_alg_values_supported</c>
/// in its metadata) or <c>--dpop</c> asks: a token bound to the kit's client key (<c>cnf.jkt</c>) with a proof for
/// this very request is accepted, and every proof that breaks one rule of §4.3, or no proof, is refused.
/// </summary>
internal static class DpopChecks
{
    private const string Family = "DPoP";
    private const string NonceHeader = "DPoP-Nonce";

    public static IEnumerable<Check> All() =>
    [
        new("dpop-advertised", CheckLevel.Info, "RFC 9449 §7.1", Family,
            "Whether the API advertises DPoP (a DPoP challenge, or dpop_signing_alg_values_supported)", AdvertisedAsync),
        new("dpop-accepted", CheckLevel.Must, "RFC 9449 §7.1", Family,
            "A DPoP-bound token with a valid proof for the request is accepted",
            Guarded(ctx => AcceptedAsync(ctx))),
        new("dpop-bound-as-bearer", CheckLevel.Must, "RFC 9449 §7.2", Family,
            "That DPoP-bound token sent with the Bearer scheme is refused",
            Guarded(ctx => RefusedAsync(ctx, "Bearer", proof: null))),
        new("dpop-no-proof", CheckLevel.Must, "RFC 9449 §7.1", Family,
            "Authorization: DPoP without a DPoP proof header is refused",
            Guarded(ctx => RefusedAsync(ctx, "DPoP", proof: null))),
        new("dpop-other-key", CheckLevel.Must, "RFC 9449 §6.1", Family,
            "A valid proof by a key other than the one the token is bound to is refused",
            Guarded(ctx => WithStrangerAsync(ctx, stranger => RefusedAsync(ctx, "DPoP", p => p.By(stranger))))),
        new("dpop-wrong-method", CheckLevel.Must, "RFC 9449 §4.3", Family,
            "A proof for another HTTP method (htm) is refused",
            Guarded(ctx => RefusedAsync(ctx, "DPoP", p => p.Claim("htm", "DELETE")))),
        new("dpop-wrong-url", CheckLevel.Must, "RFC 9449 §4.3", Family,
            "A proof for another URL (htu) is refused",
            Guarded(ctx => RefusedAsync(ctx, "DPoP", p => p.Claim("htu", "https://elsewhere.example/api/other")))),
        new("dpop-wrong-ath", CheckLevel.Must, "RFC 9449 §4.3", Family,
            "A proof whose ath hashes another access token is refused",
            Guarded(ctx => RefusedAsync(ctx, "DPoP", p => p.Claim("ath", DpopProof.Ath("another.access.token"))))),
        new("dpop-proof-typ", CheckLevel.Must, "RFC 9449 §4.3", Family,
            "A proof with typ \"JWT\" instead of \"dpop+jwt\" is refused",
            Guarded(ctx => RefusedAsync(ctx, "DPoP", p => p.Header("typ", "JWT")))),
        new("dpop-proof-unsigned", CheckLevel.Must, "RFC 9449 §4.3", Family,
            "An unsigned proof (alg none) is refused",
            Guarded(ctx => RefusedAsync(ctx, "DPoP", p => p.Unsigned()))),
        new("dpop-stale-proof", CheckLevel.Should, "RFC 9449 §4.3", Family,
            "A proof issued (iat) 15 minutes ago is refused",
            Guarded(ctx => RefusedAsync(ctx, "DPoP", p => p.Claim("iat", DateTimeOffset.UtcNow.AddMinutes(-15).ToUnixTimeSeconds())))),
        new("dpop-replay", CheckLevel.Should, "RFC 9449 §11.1", Family,
            "A proof accepted once is refused when replayed",
            Guarded(ctx => ReplayAsync(ctx))),
    ];

    /// <summary>Runs <paramref name="check"/> only when the API advertises DPoP or --dpop asks.</summary>
    private static Func<CheckContext, Task<Verdict>> Guarded(Func<CheckContext, Task<Verdict>> check) => async ctx =>
    {
        await ctx.AnonymousAsync();
        return Advertised(ctx) is null && !ctx.Options.Dpop ? Verdict.Skip("DPoP not advertised (--dpop runs these anyway)") : await check(ctx);
    };

    private static string? Advertised(CheckContext ctx)
    {
        if (ctx.Anonymous?.Challenges.FirstOrDefault(c => c.Scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase)) is { } challenge)
        {
            return challenge["algs"] is { } algs ? $"DPoP challenge, algs=\"{algs}\"" : "DPoP challenge";
        }
        return ctx.Metadata is { } document && document.TryGetProperty("dpop_signing_alg_values_supported", out var supported)
            && supported.ValueKind == JsonValueKind.Array ? "dpop_signing_alg_values_supported in the metadata" : null;
    }

    private static async Task<Verdict> AdvertisedAsync(CheckContext ctx)
    {
        await ctx.AnonymousAsync();
        return Advertised(ctx) is { } how ? Verdict.Pass($"advertised: {how}") : Verdict.Skip("not advertised");
    }

    private static async Task<Verdict> AcceptedAsync(CheckContext ctx)
    {
        var token = BoundToken(ctx);
        var answer = await SendAsync(ctx, token, "DPoP", p => p);
        return Verdict.When(answer.IsSuccess, answer.IsSuccess ? $"{answer.Status} accepted" : $"refused: {answer.Summary}{Why(answer)}");
    }

    private static async Task<Verdict> RefusedAsync(CheckContext ctx, string scheme, Func<DpopProof, DpopProof>? proof)
    {
        var answer = await SendAsync(ctx, BoundToken(ctx), scheme, proof);
        return Refusal(answer);
    }

    private static async Task<Verdict> ReplayAsync(CheckContext ctx)
    {
        var token = BoundToken(ctx);
        string? sent = null;
        var first = await SendAsync(ctx, token, "DPoP", p => p, proof => sent = proof);
        if (!first.IsSuccess || sent is null)
        {
            return Verdict.Fail($"the first use was refused: {first.Summary}{Why(first)}");
        }
        var replay = await ctx.Probe.SendAsync(HttpMethod.Get, ctx.Options.Path, "DPoP " + token, token, headers: new Dictionary<string, string> { ["DPoP"] = sent });
        return Refusal(replay);
    }

    private static Verdict Refusal(ProbeResponse answer) =>
        answer.IsRefusal && answer.Status != 403 ? Verdict.Pass(answer.Summary)
        : Verdict.Fail(answer.IsSuccess ? $"ACCEPTED ({answer.Status})" : $"not a clean refusal: {answer.Summary}");

    private static string BoundToken(CheckContext ctx) => ctx.Token().BoundTo(ctx.DpopHolder).Build();

    /// <summary>
    /// Sends the token with the scheme and a proof shaped by <paramref name="shape"/> (none when null). A server
    /// that wants a nonce answers <c>use_dpop_nonce</c> with one (§8): the request is sent again with it, so a
    /// refusal is about the rule the check bends, not the nonce.
    /// </summary>
    private static async Task<ProbeResponse> SendAsync(CheckContext ctx, string token, string scheme, Func<DpopProof, DpopProof>? shape,
        Action<string>? sentProof = null)
    {
        ProbeResponse answer = null!;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Dictionary<string, string>? headers = null;
            if (shape is not null)
            {
                var url = ctx.Options.Url(ctx.Options.Path);
                var proof = shape(new DpopProof(ctx.DpopHolder, "GET", url.Split('?', '#')[0], token, ctx.DpopNonce)).Build();
                sentProof?.Invoke(proof);
                headers = new() { ["DPoP"] = proof };
            }
            answer = await ctx.Probe.SendAsync(HttpMethod.Get, ctx.Options.Path, $"{scheme} {token}", token, headers: headers);
            if (answer.Headers.TryGetValue(NonceHeader, out var nonce))
            {
                ctx.DpopNonce = nonce;
            }
            var wantsNonce = answer.Challenges.Any(c => c["error"] == "use_dpop_nonce");
            if (!wantsNonce || shape is null || nonce is null)
            {
                break;
            }
        }
        return answer;
    }

    private static async Task<Verdict> WithStrangerAsync(CheckContext ctx, Func<KitKey, Task<Verdict>> check)
    {
        using var stranger = KitKey.CreateEc("dpop-stranger");
        return await check(stranger);
    }

    private static string Why(ProbeResponse answer) =>
        answer.Challenges.Select(c => c["error_description"]).FirstOrDefault(d => d is not null) is { } why ? $" ({why})" : "";
}
