using System.Text.Json;

namespace ResourceApi.Conformance.Checks;

/// <summary>
/// DPoP (RFC 9449): whether the API advertises it. The proof checks themselves (a DPoP-bound token without a
/// proof, a proof for another key, method or URL, a replayed jti) are not in this version of the kit.
/// </summary>
internal static class DpopChecks
{
    public static IEnumerable<Check> All() =>
    [
        new("dpop-advertised", CheckLevel.Info, "RFC 9449 §7.1", "DPoP",
            "Whether the API advertises DPoP (a DPoP challenge, or dpop_signing_alg_values_supported)", AdvertisedAsync),
    ];

    private static Task<Verdict> AdvertisedAsync(CheckContext ctx)
    {
        var challenge = ctx.Anonymous?.Challenges.Any(c => c.Scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase)) == true;
        var metadata = ctx.Metadata is { } document && document.TryGetProperty("dpop_signing_alg_values_supported", out var algs) && algs.ValueKind == JsonValueKind.Array;
        var advertised = challenge || metadata;
        var why = advertised ? $"advertised ({(challenge ? "DPoP challenge" : "metadata")})" : "not advertised";
        if (!advertised && !ctx.Options.Dpop)
        {
            return Task.FromResult(Verdict.Skip($"{why}: skipped"));
        }
        return Task.FromResult(Verdict.Skip($"{why}: the DPoP proof checks are not in this version of the kit"));
    }
}
