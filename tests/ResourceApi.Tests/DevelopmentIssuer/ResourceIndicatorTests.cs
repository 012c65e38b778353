using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// The path an RFC 9728 client (an MCP client, say) takes with nothing but the API's URL, against the
/// repository's Development defaults: challenge, resource metadata, the authorization server's metadata
/// (RFC 8414), a token for the resource (RFC 8707), the call.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class ResourceIndicatorTests(DevelopmentIssuerFixture issuer)
{
    [Fact]
    public async Task A_client_that_follows_the_challenge_and_the_metadata_gets_a_token_for_the_resource_that_the_API_accepts()
    {
        using var client = new HttpClient();

        // A call without a token: the challenge names the metadata.
        using var refused = await client.GetAsync(issuer.Host.BaseUrl + "/api/messages");
        var metadataUrl = (await BearerResponse.ReadAsync(refused)).Parameters["resource_metadata"];

        // The resource is the identifier the metadata URL was derived from (RFC 9728 §3.3): in Development,
        // with nothing configured, the address the app listens on.
        var metadata = await client.GetFromJsonAsync<JsonElement>(metadataUrl);
        var resource = metadata.GetProperty("resource").GetString()!;
        resource.Should().Be(issuer.Host.BaseUrl);
        metadataUrl.Should().Be(resource + "/.well-known/oauth-protected-resource");

        // The listed authorization server's own metadata names its token endpoint.
        var authorizationServer = metadata.GetProperty("authorization_servers")[0].GetString()!;
        var discovery = await client.GetFromJsonAsync<JsonElement>(authorizationServer.TrimEnd('/') + "/.well-known/oauth-authorization-server");
        discovery.GetProperty("issuer").GetString().Should().Be(authorizationServer);

        // A token for that resource, with the client's credentials.
        var (secret, _) = DevelopmentIssuerFixture.Clients["demo-reader"];
        using var tokenResponse = await client.PostAsync(discovery.GetProperty("token_endpoint").GetString(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-reader",
            ["client_secret"] = secret,
            ["resource"] = resource,
        }));
        var tokenBody = await tokenResponse.Content.ReadAsStringAsync();
        tokenResponse.StatusCode.Should().Be(HttpStatusCode.OK, tokenBody);
        var token = JsonDocument.Parse(tokenBody).RootElement.GetProperty("access_token").GetString()!;
        JwtParts.Read(token).Claim("aud").Should().Be(resource);

        // The API accepts it.
        using var call = new HttpRequestMessage(HttpMethod.Get, issuer.Host.BaseUrl + "/api/messages");
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(call);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_Development_a_configured_identifier_is_the_resource_and_an_accepted_audience()
    {
        const string identifier = "http://localhost/orders";
        await using var host = ApiHost.StartDevelopment(issuer.NewDataFolder(), new Dictionary<string, string?> { ["ProtectedResource:Identifier"] = identifier });
        using var anonymous = DevelopmentIssuerFixture.Client(host);

        var metadata = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/oauth-protected-resource/orders");
        var token = await DevelopmentIssuerFixture.TokenAsync(host, "demo-reader", new Dictionary<string, string> { ["resource"] = identifier });
        using var response = await DevelopmentIssuerFixture.Client(host, token).GetAsync("/api/messages");

        metadata.GetProperty("resource").GetString().Should().Be(identifier);
        JwtParts.Read(token).Claim("aud").Should().Be(identifier);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_metadata_resource_does_not_follow_the_host_name_a_caller_uses()
    {
        using var client = issuer.Client();
        client.DefaultRequestHeaders.Host = $"localhost:{issuer.Host.Port}";

        var metadata = await client.GetFromJsonAsync<JsonElement>("/.well-known/oauth-protected-resource");

        metadata.GetProperty("resource").GetString().Should().Be(issuer.Host.BaseUrl);
    }
}
