using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// Each RFC 9449 §4.3 rule through the API: a real bound token from the loopback issuer, and a proof breaking that
/// one rule, refused with 401, <c>WWW-Authenticate: DPoP error="invalid_dpop_proof"</c> naming the rule, and a
/// problem+json body. (Every rule also has its unit test in <see cref="DpopProofValidatorTests"/>.)
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DpopProofRuleTests(ApiFixture api)
{
    public static TheoryData<string, Func<DpopProof.Builder, DpopProof.Builder>, string> BrokenProofs => new()
    {
        { "typ JWT", b => b.Header("typ", "JWT"), "typ header must be dpop+jwt" },
        { "alg none", b => b.Header("alg", "none"), "alg is not accepted" },
        { "alg HS256", b => b.Header("alg", "HS256"), "alg is not accepted" },
        { "no jwk", b => b.Header("jwk", null), "no public key" },
        { "private key in jwk", b => b.WithPrivateKeyInJwk(), "private key material" },
        { "signature by another key", b => b.SignedBy(DpopProof.CreateEc()), "signature does not verify" },
        { "no jti", b => b.Without("jti"), "needs a jti" },
        { "htm POST on a GET", b => b.Claim("htm", "POST"), "htm is not this request's method" },
        { "htu of another path", b => b.Claim("htu", DpopClient.BaseUrl + "/api/other"), "htu is not this request's URL" },
        { "htu of another host", b => b.Claim("htu", "http://evil.example/api/messages"), "htu is not this request's URL" },
        { "htu over https", b => b.Claim("htu", "https://localhost/api/messages"), "htu is not this request's URL" },
        { "iat 6 minutes old", b => b.IssuedAt(DateTimeOffset.UtcNow.AddMinutes(-6)), "too old" },
        { "iat 2 minutes ahead", b => b.IssuedAt(DateTimeOffset.UtcNow.AddMinutes(2)), "in the future" },
        { "no ath", b => b.Without("ath"), "ath is not" },
        { "ath of another token", b => b.Claim("ath", DpopProof.HashOf("another.token.value")), "ath is not" },
        { "over 8 KB", b => b.Claim("padding", new string('x', 9000)), "longer than 8 KB" },
    };

    [Theory]
    [MemberData(nameof(BrokenProofs))]
    public async Task A_proof_breaking_one_rule_gets_401_invalid_dpop_proof_naming_it(string rule, Func<DpopProof.Builder, DpopProof.Builder> breakIt, string description)
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var token = dpop.BoundToken();

        using var response = await dpop.SendAsync(token, breakIt(dpop.Proof(token)).Build());

        await DpopRequestTests.ShouldBeInvalidProofAsync(response, description);
        _ = rule;
    }

    [Fact]
    public async Task The_htu_ignores_the_query_and_compares_scheme_and_host_case_insensitively()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var token = dpop.BoundToken();
        var proof = dpop.Key.For("GET", "HTTP://LOCALHOST:80/api/messages?ignored=1#top", token).Build();

        using var response = await dpop.SendAsync(token, proof, path: "/api/messages?page=1");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_htu_is_the_Host_the_API_received_never_X_Forwarded_Host()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var token = dpop.BoundToken();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages");
        request.Headers.Authorization = new("DPoP", token);
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("DPoP", dpop.Key.For("GET", "http://evil.example/api/messages", token).Build());

        using var response = await dpop.Http.SendAsync(request);

        await DpopRequestTests.ShouldBeInvalidProofAsync(response, "htu is not this request's URL");
    }
}
