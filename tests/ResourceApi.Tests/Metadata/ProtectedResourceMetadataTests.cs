using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ResourceApi.ScopePolicies;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Metadata;

/// <summary>RFC 9728: a client holding no token can learn where to get one and which scopes exist.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProtectedResourceMetadataTests(ApiFixture api)
{
    private const string Path = "/.well-known/oauth-protected-resource";

    [Fact]
    public async Task Metadata_is_anonymous_and_names_the_issuer_and_every_declared_scope()
    {
        using var response = await api.Client().GetAsync(Path);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        metadata.GetProperty("resource").GetString().Should().Be("http://localhost");
        metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).Should().Equal(api.Issuer.Issuer);
        metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("header");
        metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo(DeclaredScopes()).And.BeEquivalentTo("read:messages", "write:messages", "delete:messages");
    }

    [Fact]
    public async Task Every_challenge_points_at_the_metadata()
    {
        using var noToken = await api.Client().GetAsync("/api/messages");
        using var badToken = await api.Client("a.b.c").GetAsync("/api/messages");
        using var noScope = await api.Client(api.Issuer.Token("other:scope")).GetAsync("/api/messages");

        foreach (var response in new[] { noToken, badToken, noScope })
        {
            var result = await BearerResponse.ReadAsync(response);
            result.Parameters["resource_metadata"].Should().Be("http://localhost" + Path);
        }
    }

    [Fact]
    public async Task Unreachable_issuer_falls_back_to_the_configured_authority()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = "http://127.0.0.1:9/",
        });

        var metadata = await ApiFixture.ClientFor(factory, null).GetFromJsonAsync<JsonElement>(Path);

        metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).Should().Equal("http://127.0.0.1:9/");
    }

    private string[] DeclaredScopes() =>
        [.. api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<ScopeRequirement>()).SelectMany(r => r.Scopes).Distinct()];
}
