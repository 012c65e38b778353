using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Authentication;

[Collection(ApiCollection.Name)]
public sealed class BadTokenTests(ApiFixture api)
{
    public static TheoryData<string> Families => [.. BadTokens.Keys];

    // Each family: how to make the token, and words its error_description must contain.
    private static readonly Dictionary<string, (Func<TestIssuer, string> Make, string Says)> BadTokens = new()
    {
        ["signature altered after signing"] = (i => i.Token().TamperedAfterSigning().Build(), "signature"),
        ["signed by a key the issuer does not publish"] = (i => i.Token().SignedWith(i.Unpublished).Build(), "does not publish"),
        ["published kid, other key's signature"] = (i => i.Token().SignedWith(i.Unpublished).Header("kid", i.Rsa.Kid).Build(), "signature"),
        ["alg none, no signature"] = (i => i.Token().Unsigned().Build(), "algorithm"),
        ["HS256 keyed with the issuer's public key"] = (i => i.Token().HmacWithPublicKey(i.Rsa).Build(), "algorithm"),
        ["expired"] = (i => i.Token().ExpiresIn(TimeSpan.FromMinutes(-5)).Build(), "expired"),
        ["not valid yet (nbf)"] = (i => i.Token().Claim("nbf", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()).Build(), "not valid yet"),
        ["issued in the future (iat)"] = (i => i.Token().Claim("iat", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()).Build(), "iat"),
        ["no exp"] = (i => i.Token().Without("exp").Build(), "expiry"),
        ["exp as a string"] = (i => i.Token().Claim("exp", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)).Build(), "exp"),
        ["wrong issuer"] = (i => i.Token().Claim("iss", "https://evil.example/").Build(), "issuer"),
        ["issuer without its trailing slash"] = (i => i.Token().Claim("iss", i.BaseUrl).Build(), "issuer"),
        ["wrong audience"] = (i => i.Token().Claim("aud", "https://other-api.example").Build(), "audience"),
        ["audience with an extra trailing slash"] = (i => i.Token().Claim("aud", TestIssuer.Audience + "/").Build(), "audience"),
        ["no audience"] = (i => i.Token().Without("aud").Build(), "audience"),
        ["typ JWT (not at+jwt)"] = (i => i.Token().Header("typ", "JWT").Build(), "ValidTypes"),
        ["no typ"] = (i => i.Token().Header("typ", null).Build(), "ValidTypes"),
        ["unknown crit header"] = (i => i.Token().Header("crit", new[] { "urn:example:unknown" }).Header("urn:example:unknown", true).Build(), "crit"),
        ["alg missing"] = (i => i.Token().Header("alg", null).Build(), "algorithm"),
        ["RS256 declared, ES256 key"] = (i => i.Token().SignedWith(i.Ec).Header("alg", "RS256").Build(), "signature"),
        ["not a JWT at all"] = (_ => "not-a-jwt", "well-formed"),
        ["three garbage segments"] = (_ => "aGVsbG8.d29ybGQ.Zm9v", "well-formed"),
        ["header is not JSON"] = (i => "bm90LWpzb24" + i.Token().Build()[i.Token().Build().IndexOf('.', StringComparison.Ordinal)..], "well-formed"),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Bad_token_gets_401_invalid_token_with_a_plain_reason(string family)
    {
        var (make, says) = BadTokens[family];
        var token = make(api.Issuer);

        using var response = await api.Client(token).GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Unauthorized);
        result.Challenge.Should().StartWith("Bearer ");
        result.Error.Should().Be("invalid_token");
        result.Description.Should().Contain(says);
        result.Description.Should().NotContain(token);
        result.ContentType.Should().Be("application/problem+json");
        result.ProblemString("error").Should().Be("invalid_token");
        result.ProblemString("detail").Should().Be(result.Description);
        result.ProblemString("traceId").Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("pss")]
    [InlineData("ec")]
    public async Task Tokens_signed_with_each_published_key_family_are_accepted(string key)
    {
        var signer = key switch { "rsa" => api.Issuer.Rsa, "pss" => api.Issuer.RsaPss, _ => api.Issuer.Ec };
        var token = api.Issuer.Token().SignedWith(signer).Build();

        using var response = await api.Client(token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Typ_application_at_jwt_is_accepted()
    {
        var token = api.Issuer.Token().Header("typ", "application/at+jwt").Build();

        using var response = await api.Client(token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Expiry_within_the_clock_skew_is_accepted_and_beyond_it_is_not()
    {
        var withinSkew = api.Issuer.Token().ExpiresIn(TimeSpan.FromSeconds(-10)).Build();
        var beyondSkew = api.Issuer.Token().ExpiresIn(TimeSpan.FromSeconds(-45)).Build();

        using var within = await api.Client(withinSkew).GetAsync("/api/messages");
        using var beyond = await api.Client(beyondSkew).GetAsync("/api/messages");

        within.StatusCode.Should().Be(HttpStatusCode.OK);
        beyond.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
