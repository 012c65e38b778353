using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// End to end in Development: the built-in issuer binds a token to the caller's DPoP key, and the API, fetching the
/// issuer's keys over HTTP as always, accepts it only with a fresh proof by that key.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class ApiWithDpopTokensTests(DevelopmentIssuerFixture issuer)
{
    [Fact]
    public async Task A_bound_token_works_with_a_fresh_proof_by_its_key_and_not_as_Bearer_nor_with_another_key()
    {
        var key = DpopProof.CreateEc();
        var token = await BoundTokenAsync(issuer.Host, key, "demo-writer");
        var url = issuer.Host.BaseUrl + "/api/messages";

        using var withProof = await SendAsync(issuer.Host, "DPoP", token, key.For("GET", url, token).Build());
        using var asBearer = await SendAsync(issuer.Host, "Bearer", token, proof: null);
        using var otherKey = await SendAsync(issuer.Host, "DPoP", token, DpopProof.CreateEc().For("GET", url, token).Build());

        withProof.StatusCode.Should().Be(HttpStatusCode.OK);
        asBearer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        otherKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        otherKey.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "DPoP" && h.Parameter!.Contains("invalid_dpop_proof"));
    }

    [Fact]
    public async Task With_DPoP_required_the_API_takes_the_issuer_bound_tokens_and_refuses_its_bearer_ones()
    {
        await using var host = ApiHost.StartDevelopment(issuer.NewDataFolder(), new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Dpop:Mode"] = "Required",
        });
        var key = DpopProof.CreateEc();
        var bound = await BoundTokenAsync(host, key, "demo-reader");
        var bearer = await DevelopmentIssuerFixture.TokenAsync(host, "demo-reader");
        var url = host.BaseUrl + "/api/messages";

        using var boundResponse = await SendAsync(host, "DPoP", bound, key.For("GET", url, bound).Build());
        using var bearerResponse = await SendAsync(host, "Bearer", bearer, proof: null);

        boundResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        bearerResponse.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        bearerResponse.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("DPoP");
    }

    private static async Task<string> BoundTokenAsync(ApiHost host, DpopProof key, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = DevelopmentIssuerFixture.Clients[clientId].Secret,
            }),
        };
        request.Headers.Add("DPoP", key.For("POST", host.BaseUrl + "/oauth/token").Build());
        using var client = DevelopmentIssuerFixture.Client(host);
        using var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("token_type").GetString().Should().Be("DPoP");
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiHost host, string scheme, string token, string? proof)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }
        using var client = DevelopmentIssuerFixture.Client(host);
        return await client.SendAsync(request);
    }
}
