using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ResourceApi.Tests.DevelopmentIssuer;

[Collection(DevelopmentIssuerCollection.Name)]
public sealed class DiscoveryTests(DevelopmentIssuerFixture issuer)
{
    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/oauth-authorization-server")]
    public async Task Metadata_is_served_at_both_well_known_paths_with_the_pinned_issuer(string path)
    {
        using var client = issuer.Client();

        using var response = await client.GetAsync(path);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        metadata.GetProperty("issuer").GetString().Should().Be(issuer.Host.BaseUrl + "/");
        metadata.GetProperty("token_endpoint").GetString().Should().EndWith("/oauth/token");
        metadata.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).Should().Equal("client_credentials");
        metadata.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(m => m.GetString())
            .Should().BeEquivalentTo("client_secret_basic", "client_secret_post", "private_key_jwt");
        metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString())
            .Should().Contain(["read:messages", "write:messages", "delete:messages"]);
    }

    [Fact]
    public async Task The_issuer_does_not_change_with_the_host_name_a_caller_uses()
    {
        using var client = issuer.Client();
        client.DefaultRequestHeaders.Host = $"localhost:{issuer.Host.Port}";

        var metadata = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        metadata.GetProperty("issuer").GetString().Should().Be(issuer.Host.BaseUrl + "/");
    }

    [Fact]
    public async Task Jwks_publishes_public_keys_only()
    {
        using var client = issuer.Client();

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        var key = jwks.GetProperty("keys").EnumerateArray().First();
        key.GetProperty("kty").GetString().Should().Be("RSA");
        key.TryGetProperty("d", out _).Should().BeFalse("a JWKS never carries the private exponent");
    }
}
