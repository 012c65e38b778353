using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Company.ItemsApi.Tests;

/// <summary>The API in process against a loopback issuer: real tokens, signed by a real key, checked through discovery and JWKS over HTTP.</summary>
public sealed class ItemsApiTests : IAsyncLifetime
{
    private const string Audience = "https://items-api.test";

    private LoopbackIssuer _issuer = null!;
    private WebApplicationFactory<Program> _api = null!;

    public async Task InitializeAsync()
    {
        _issuer = await LoopbackIssuer.StartAsync();
        _api = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Authentication:Schemes:Bearer:Authority", _issuer.Authority)
            .UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience)
            // The loopback issuer speaks RFC 9068 whatever preset the template was created with.
            .UseSetting("Authentication:Schemes:Bearer:Preset", "None"));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_read_items_token_lists_the_items()
    {
        using var client = Client(_issuer.Token(Audience, "read:items"));

        using var response = await client.GetAsync(new Uri("/api/items", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await response.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
    }

    [Fact]
    public async Task A_write_items_token_creates_an_item()
    {
        using var client = Client(_issuer.Token(Audience, "read:items write:items"));

        using var response = await client.PostAsJsonAsync(new Uri("/api/items", UriKind.Relative), new { name = "first" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("test-client", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task A_read_items_token_cannot_create_and_gets_403_insufficient_scope_naming_write_items()
    {
        using var client = Client(_issuer.Token(Audience, "read:items"));

        using var response = await client.PostAsJsonAsync(new Uri("/api/items", UriKind.Relative), new { name = "first" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("scope=\"write:items\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401_pointing_at_the_resource_metadata()
    {
        using var client = Client(token: null);

        using var response = await client.GetAsync(new Uri("/api/items", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Bearer, and DPoP beside it: the access-token library accepts DPoP-bound tokens by default (Dpop:Mode Allowed).
        var challenge = Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "DPoP");
        Assert.Contains("resource_metadata=\"https://items-api.test/.well-known/oauth-protected-resource\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resource_metadata_names_the_issuer_and_both_scopes()
    {
        using var client = Client(token: null);

        var metadata = await client.GetFromJsonAsync<JsonElement>(new Uri("/.well-known/oauth-protected-resource", UriKind.Relative));

        Assert.Equal(Audience + "/", metadata.GetProperty("resource").GetString());
        Assert.Equal([_issuer.Issuer], metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["read:items", "write:items"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).Order());
    }

    [Fact]
    public async Task A_token_from_an_issuer_the_api_does_not_trust_gets_401_invalid_token()
    {
        await using var stranger = await LoopbackIssuer.StartAsync();
        using var client = Client(stranger.Token(Audience, "read:items"));

        using var response = await client.GetAsync(new Uri("/api/items", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer").Parameter, StringComparison.Ordinal);
    }

    private HttpClient Client(string? token)
    {
        var client = _api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }
}
