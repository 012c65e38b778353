using System.Text;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Checks;

/// <summary>Signatures and algorithms: only the issuer's published keys, with asymmetric algorithms, make a token.</summary>
internal static class SignatureChecks
{
    private const string Family = "Signatures";

    public static IEnumerable<Check> All() =>
    [
        new("alg-none", CheckLevel.Must, "RFC 8725 §3.1", Family,
            "Unsigned tokens (alg none, None, NONE) are refused",
            ctx => ctx.RefusedAsync(ctx.Token().Unsigned("none").Build(), ctx.Token().Unsigned("None").Build(), ctx.Token().Unsigned("NONE").Build())),
        new("hs256-public-key", CheckLevel.Must, "RFC 8725 §3.1", Family,
            "HS256 keyed with the issuer's public key (PEM) is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Hmac(ctx.Issuer.Rs256.PublicKeyPem).Build(),
                ctx.Token().Hmac(ctx.Issuer.Rs256.PublicKeyPem.AsSpan(0, ctx.Issuer.Rs256.PublicKeyPem.Length - 1).ToArray()).Build(),
                ctx.Token().SignedWith(ctx.Issuer.Es256).Hmac(ctx.Issuer.Es256.PublicKeyPem).Build())),
        new("tampered-payload", CheckLevel.Must, "RFC 7515 §5.2", Family,
            "A payload changed after signing (more scopes) is refused",
            ctx => ctx.RefusedAsync(ctx.Token().TamperedAfterSigning().Build())),
        new("stripped-signature", CheckLevel.Must, "RFC 7515 §5.2", Family,
            "A token whose signature was cut off (alg RS256, empty signature) is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Unsigned("RS256").Build())),
        new("unpublished-key", CheckLevel.Must, "RFC 7515 §5.2", Family,
            "A token signed by a key the issuer never published, under its own kid, is refused",
            ctx => WithStrangerAsync(ctx, stranger => ctx.RefusedAsync(ctx.Token().SignedWith(stranger).Build()))),
        new("published-kid-wrong-key", CheckLevel.Must, "RFC 7515 §4.1.4", Family,
            "A token naming a published kid but signed by another key is refused",
            ctx => WithStrangerAsync(ctx, stranger => ctx.RefusedAsync(ctx.Token().SignedWith(stranger, ctx.Issuer.Rs256.Kid).Build()))),
        new("embedded-jwk", CheckLevel.Must, "RFC 7515 §4.1.3", Family,
            "A token carrying its own key in a jwk header, signed by it, is refused",
            ctx => ctx.RefusedAsync(Attack(ctx).Header("jwk", ctx.Issuer.Attacker.Jwk).Build(),
                Attack(ctx).WithoutHeader("kid").Header("jwk", ctx.Issuer.Attacker.Jwk).Build())),
        new("embedded-jku", CheckLevel.Must, "RFC 8725 §3.10", Family,
            "A token pointing a jku header at an attacker's key set is refused",
            ctx => ctx.RefusedAsync(Attack(ctx).Header("jku", ctx.Issuer.BaseUrl + KitIssuer.AttackerJwksPath).Build())),
        new("embedded-x5u", CheckLevel.Must, "RFC 8725 §3.10", Family,
            "A token pointing an x5u header at an attacker's certificate is refused",
            ctx => ctx.RefusedAsync(Attack(ctx).WithoutHeader("kid").Header("x5u", ctx.Issuer.BaseUrl + KitIssuer.AttackerCertificatePath).Build())),
        new("embedded-x5c", CheckLevel.Must, "RFC 7515 §4.1.6", Family,
            "A token carrying a self-signed certificate in an x5c header, signed by its key, is refused",
            ctx => ctx.RefusedAsync(Attack(ctx).WithoutHeader("kid").Header("x5c", new[] { ctx.Issuer.Attacker.SelfSignedCertificate() }).Build())),
        new("hostile-kid", CheckLevel.Must, "RFC 8725 §3.10", Family,
            "Hostile kid values (path traversal with an empty HMAC key, SQL, 8 KB, NUL, number, object) are refused with a 4xx",
            HostileKidAsync),
        new("jku-x5u-not-fetched", CheckLevel.Should, "RFC 8725 §3.10", Family,
            "The API never fetched the URLs in jku/x5u headers (no SSRF)",
            ctx => Task.FromResult(Verdict.When(ctx.Issuer.AttackerFetches == 0,
                ctx.Issuer.AttackerFetches == 0 ? "0 requests to the attacker's URLs" : $"{ctx.Issuer.AttackerFetches} requests to the attacker's URLs"))),
    ];

    // Signed by the attacker's key, which only the attacker's URLs serve.
    private static KitToken Attack(CheckContext ctx) => ctx.Token().SignedWith(ctx.Issuer.Attacker);

    private static async Task<Verdict> WithStrangerAsync(CheckContext ctx, Func<KitKey, Task<Verdict>> check)
    {
        using var stranger = KitKey.CreateRsa($"never-published-{Guid.NewGuid():N}");
        return await check(stranger);
    }

    private static Task<Verdict> HostileKidAsync(CheckContext ctx)
    {
        var attacker = ctx.Issuer.Attacker;
        return ctx.RefusedAsync(
            // The classic: a kid that resolves to an empty file, with an HMAC keyed by its (empty) content.
            ctx.Token().Hmac([]).Header("kid", "../../../../../../../../dev/null").Build(),
            ctx.Token().Hmac(Encoding.ASCII.GetBytes("")).Header("kid", "/dev/null").Build(),
            ctx.Token().SignedWith(attacker, "x' UNION SELECT 'attacker-key' --").Build(),
            ctx.Token().SignedWith(attacker, ctx.Issuer.Rs256.Kid + "' OR '1'='1").Build(),
            ctx.Token().SignedWith(attacker, new string('k', 8192)).Build(),
            ctx.Token().SignedWith(attacker, "kit\u0000" + ctx.Issuer.Rs256.Kid).Build(),
            ctx.Token().SignedWith(attacker).Header("kid", 12345).Build(),
            ctx.Token().SignedWith(attacker).Header("kid", new Dictionary<string, object> { ["$ne"] = "" }).Build());
    }
}
