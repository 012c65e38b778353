using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ResourceApi.AccessTokens;
using ResourceApi.DevelopmentIssuer.Dpop;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// RFC 9449 §5 at the development issuer: a client credentials request with a valid DPoP proof gets a token bound
/// to the proof's key (cnf.jkt) and token_type DPoP; an invalid proof gets 400 invalid_dpop_proof and no token.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class DpopTokenTests(DevelopmentIssuerFixture issuer)
{
    private string TokenUrl => issuer.Host.BaseUrl + "/oauth/token";

    [Theory]
    [InlineData("ES256")]
    [InlineData("PS256")]
    public async Task A_request_with_a_valid_proof_gets_a_token_bound_to_the_proof_key_and_token_type_DPoP(string algorithm)
    {
        var key = algorithm.StartsWith("ES", StringComparison.Ordinal) ? DpopProof.CreateEc(algorithm) : DpopProof.CreateRsa(algorithm);

        using var response = await RequestAsync(key.For("POST", TokenUrl).Build());
        var body = await Body(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("token_type").GetString().Should().Be("DPoP");
        var token = JwtParts.Read(body.GetProperty("access_token").GetString()!);
        token.Payload.GetProperty("cnf").GetProperty("jkt").GetString().Should().Be(key.Thumbprint);
        token.Claim("client_id").Should().Be("demo-writer");
    }

    [Fact]
    public async Task A_request_without_a_proof_still_gets_a_plain_bearer_token()
    {
        using var response = await RequestAsync();
        var body = await Body(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        JwtParts.Read(body.GetProperty("access_token").GetString()!).Payload.TryGetProperty("cnf", out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_client_authenticating_with_private_key_jwt_gets_a_bound_token_too()
    {
        var key = DpopProof.CreateEc();
        var assertion = DemoKeyedClient.Assertion(await DemoKeyedClient.IssuerAsync(issuer.Host));

        using var response = await DemoKeyedClient.RequestTokenAsync(issuer.Host, assertion,
            request => request.Headers.Add("DPoP", key.For("POST", TokenUrl).Build()));
        var body = await Body(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("token_type").GetString().Should().Be("DPoP");
        JwtParts.Read(body.GetProperty("access_token").GetString()!).Payload.GetProperty("cnf").GetProperty("jkt").GetString().Should().Be(key.Thumbprint);
    }

    public static TheoryData<string, string> BadProofs => new()
    {
        { "htm_is_GET", "htm" },
        { "htu_is_another_path", "htu" },
        { "htu_is_another_host", "htu" },
        { "typ_is_JWT", "typ" },
        { "alg_is_none", "signed" },
        { "alg_is_HS256", "alg" },
        { "jwk_has_the_private_key", "private key" },
        { "signed_by_another_key", "signature" },
        { "no_jti", "jti" },
        { "iat_ten_minutes_old", "too old" },
        { "iat_ten_minutes_ahead", "future" },
        { "not_a_jwt", "JWT" },
    };

    [Theory]
    [MemberData(nameof(BadProofs))]
    public async Task An_invalid_proof_gets_400_invalid_dpop_proof_and_no_token(string bend, string named)
    {
        var key = DpopProof.CreateEc();
        var proof = bend switch
        {
            "htm_is_GET" => key.For("GET", TokenUrl).Build(),
            "htu_is_another_path" => key.For("POST", issuer.Host.BaseUrl + "/api/messages").Build(),
            "htu_is_another_host" => key.For("POST", "http://issuer.example/oauth/token").Build(),
            "typ_is_JWT" => key.For("POST", TokenUrl).Header("typ", "JWT").Build(),
            "alg_is_none" => key.For("POST", TokenUrl).Unsigned().Build(),
            "alg_is_HS256" => key.For("POST", TokenUrl).Header("alg", "HS256").Build(),
            "jwk_has_the_private_key" => key.For("POST", TokenUrl).WithPrivateKeyInJwk().Build(),
            "signed_by_another_key" => key.For("POST", TokenUrl).SignedBy(DpopProof.CreateEc()).Build(),
            "no_jti" => key.For("POST", TokenUrl).Without("jti").Build(),
            "iat_ten_minutes_old" => key.For("POST", TokenUrl).IssuedAt(DateTimeOffset.UtcNow.AddMinutes(-10)).Build(),
            "iat_ten_minutes_ahead" => key.For("POST", TokenUrl).IssuedAt(DateTimeOffset.UtcNow.AddMinutes(10)).Build(),
            _ => "not-a-jwt",
        };

        using var response = await RequestAsync(proof);

        await ShouldBeInvalidDpopProof(response, named);
    }

    [Fact]
    public async Task A_proof_used_once_is_refused_the_second_time()
    {
        var proof = DpopProof.CreateEc().For("POST", TokenUrl).Build();

        using var first = await RequestAsync(proof);
        using var replayed = await RequestAsync(proof);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeInvalidDpopProof(replayed, "used before");
    }

    [Fact]
    public async Task Two_DPoP_headers_get_400_invalid_dpop_proof()
    {
        var key = DpopProof.CreateEc();

        using var response = await RequestAsync(key.For("POST", TokenUrl).Build(), key.For("POST", TokenUrl).Build());

        await ShouldBeInvalidDpopProof(response, "more than one");
    }

    [Fact]
    public async Task The_htu_is_compared_after_normalization_and_without_the_query()
    {
        var url = new UriBuilder(TokenUrl) { Scheme = "HTTP", Host = "127.0.0.1" }.Uri.AbsoluteUri.Replace("http://", "HTTP://", StringComparison.Ordinal) + "?ignored=1";

        using var response = await RequestAsync(DpopProof.CreateEc().For("POST", url).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK, (await Body(response)).ToString());
    }

    [Fact]
    public async Task A_wrong_secret_with_a_valid_proof_is_still_invalid_client()
    {
        using var response = await RequestWithSecretAsync("not-the-secret", DpopProof.CreateEc().For("POST", TokenUrl).Build());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Body(response)).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task Discovery_names_the_proof_algorithms_the_token_endpoint_accepts()
    {
        using var client = issuer.Client();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/oauth-authorization-server");

        discovery.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString())
            .Should().Contain(["ES256", "PS256", "RS256"]).And.NotContain(["none", "HS256"]);
    }

    [Fact]
    public async Task The_issuer_remembers_at_most_ten_thousand_proofs_and_refuses_a_new_one_rather_than_forget_a_live_one()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var proofs = new IssuerDpopProofs(time);
        for (var i = 0; i < IssuerDpopProofs.MaxRememberedProofs; i++)
        {
            (await proofs.ReplayCache.TryAddAsync($"proof-{i}", time.GetUtcNow().AddMinutes(5))).Should().Be(DpopReplayOutcome.Added);
        }
        var key = DpopProof.CreateEc();

        var whenFull = await proofs.Validator.ValidateAsync(new DpopProofRequest(key.For("POST", TokenUrl).IssuedAt(time.GetUtcNow()).Build(), "POST", new Uri(TokenUrl)));
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var afterExpiry = await proofs.Validator.ValidateAsync(new DpopProofRequest(key.For("POST", TokenUrl).IssuedAt(time.GetUtcNow()).Build(), "POST", new Uri(TokenUrl)));

        IssuerDpopProofs.MaxRememberedProofs.Should().Be(10_000, "the development issuer's README states it");
        whenFull.IsValid.Should().BeFalse();
        whenFull.Description.Should().Contain("cannot remember more proofs");
        afterExpiry.IsValid.Should().BeTrue("entries past their expiry make room");
    }

    private async Task<HttpResponseMessage> RequestAsync(params string[] proofs) => await RequestWithSecretAsync("demo-writer-secret", proofs);

    private async Task<HttpResponseMessage> RequestWithSecretAsync(string secret, params string[] proofs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "demo-writer",
                ["client_secret"] = secret,
            }),
        };
        foreach (var proof in proofs)
        {
            request.Headers.Add("DPoP", proof);
        }
        using var client = issuer.Client();
        return await client.SendAsync(request);
    }

    private static async Task ShouldBeInvalidDpopProof(HttpResponseMessage response, string named)
    {
        var body = await Body(response);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body.ToString());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        body.GetProperty("error").GetString().Should().Be("invalid_dpop_proof");
        body.GetProperty("error_description").GetString().Should().Contain(named);
        body.TryGetProperty("access_token", out _).Should().BeFalse();
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
