namespace ResourceApi.Conformance.Checks;

/// <summary>Claims and the JOSE header: a token signed by the right key is still refused when it is not an access token for this API now.</summary>
internal static class ClaimChecks
{
    private const string Family = "Claims";
    private const string OtherAudience = "https://other-api.example";
    private const string UnknownExtension = "urn:conformance-kit:unknown";
    private static readonly string[] UnknownCritical = [UnknownExtension];

    public static IEnumerable<Check> All() =>
    [
        new("expired", CheckLevel.Must, "RFC 7519 §4.1.4", Family,
            "A token that expired 10 minutes ago is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Shifted(TimeSpan.FromMinutes(-15)).Build())),
        new("no-exp", CheckLevel.Must, "RFC 9068 §2.2", Family,
            "A token without exp is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Without("exp").Build())),
        new("not-yet-valid", CheckLevel.Must, "RFC 7519 §4.1.5", Family,
            "A token whose nbf is 10 minutes ahead is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Shifted(TimeSpan.FromMinutes(10)).Build())),
        new("future-iat", CheckLevel.Should, "RFC 7519 §4.1.6", Family,
            "A token issued (iat) 10 minutes in the future is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Claim("iat", DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds())
                .Claim("exp", DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds()).Build())),
        new("wrong-issuer", CheckLevel.Must, "RFC 9068 §4", Family,
            "A token whose iss is another issuer's is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Claim("iss", "https://other-issuer.example").Build())),
        new("no-issuer", CheckLevel.Must, "RFC 9068 §4", Family,
            "A token without iss is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Without("iss").Build())),
        new("no-audience", CheckLevel.Must, "RFC 9068 §4", Family,
            "A token without aud is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Without("aud").Build())),
        new("wrong-audience", CheckLevel.Must, "RFC 9068 §4", Family,
            "A token for another audience is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Claim("aud", OtherAudience).Build(),
                ctx.Token().Claim("aud", ctx.Options.Audience.TrimEnd('/') + ".evil").Build())),
        new("audience-array-without", CheckLevel.Must, "RFC 7519 §4.1.3", Family,
            "An aud array that does not hold this API's audience is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Claim("aud", new[] { OtherAudience, "https://third-api.example" }).Build())),
        new("audience-array-with", CheckLevel.Should, "RFC 7519 §4.1.3", Family,
            "An aud array holding this API's audience among others is accepted",
            ctx => ctx.AcceptedAsync(ctx.Token().Claim("aud", new[] { OtherAudience, ctx.Options.Audience }).Build())),
        new("unknown-crit", CheckLevel.Must, "RFC 7515 §4.1.11", Family,
            "A token whose crit header names an extension the API cannot know is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Header("crit", UnknownCritical).Header(UnknownExtension, true).Build())),
        new("typ-jwt", CheckLevel.Must, "RFC 9068 §4", Family,
            "A token with typ \"JWT\" (not an RFC 9068 access token) is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Header("typ", "JWT").Build())),
        new("typ-missing", CheckLevel.Must, "RFC 9068 §4", Family,
            "A token without typ is refused",
            ctx => ctx.RefusedAsync(ctx.Token().WithoutHeader("typ").Build())),
        new("id-token", CheckLevel.Must, "RFC 8725 §3.11", Family,
            "An OpenID Connect ID token for this audience (typ JWT, nonce, at_hash, azp) is refused",
            ctx => ctx.RefusedAsync(ctx.Token().Header("typ", "JWT").Without("client_id").Without("scope")
                .Claim("aud", ctx.Options.Audience).Claim("azp", "conformance-kit").Claim("nonce", "n-0S6_WzA2Mj")
                .Claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ").Claim("auth_time", DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Build())),
    ];
}
