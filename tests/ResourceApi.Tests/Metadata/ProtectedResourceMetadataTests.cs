using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ResourceApi.ScopePolicies;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Metadata;

/// <summary>RFC 9728: a client holding no token can learn where to get one, for which resource, and which scopes exist.</summary>
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
        metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).Should().Equal(api.Issuer.Issuer);
        metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("header");
        metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo(DeclaredScopes()).And.BeEquivalentTo("read:messages", "write:messages", "delete:messages");
    }

    [Fact]
    public async Task Without_an_identifier_the_resource_is_the_first_https_audience_whatever_Host_the_request_names()
    {
        using var client = api.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Host = "attacker.example";
        request.Headers.Add("X-Forwarded-Host", "attacker.example");
        request.Headers.Add("X-Forwarded-Proto", "http");

        using var response = await client.SendAsync(request);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        metadata.GetProperty("resource").GetString().Should().Be(TestIssuer.Audience);
    }

    [Fact]
    public async Task The_metadata_may_be_cached_for_five_minutes_by_anyone()
    {
        using var response = await api.Client().GetAsync(Path);

        response.Headers.CacheControl!.Public.Should().BeTrue();
        response.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromMinutes(5));
        response.Headers.CacheControl.NoStore.Should().BeFalse();
    }

    [Fact]
    public async Task The_metadata_max_age_is_a_setting()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["ProtectedResource:MetadataMaxAge"] = "00:00:42" });

        using var response = await ApiFixture.ClientFor(factory, null).GetAsync(Path);

        response.Headers.CacheControl!.ToString().Should().Be("public, max-age=42");
    }

    [Fact]
    public async Task Every_challenge_points_at_the_metadata_of_the_identifier_whatever_the_Host_and_is_not_stored()
    {
        using var noToken = await api.Client().GetAsync("/api/messages");
        using var badToken = await api.Client("a.b.c").GetAsync("/api/messages");
        using var noScope = await api.Client(api.Issuer.Token("other:scope")).GetAsync("/api/messages");
        using var forgedHost = await api.Client().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/messages") { Headers = { Host = "attacker.example" } });

        foreach (var response in new[] { noToken, badToken, noScope, forgedHost })
        {
            var result = await BearerResponse.ReadAsync(response);
            result.Parameters["resource_metadata"].Should().Be(TestIssuer.Audience + Path);
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
        }
        noScope.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_path_bearing_identifier_has_its_path_inserted_after_the_well_known_suffix_in_the_metadata_and_challenge_urls()
    {
        const string identifier = "https://api.example.com/orders";
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["ProtectedResource:Identifier"] = identifier,
            ["Authentication:Schemes:Bearer:ValidAudiences:1"] = identifier,
        });
        using var client = ApiFixture.ClientFor(factory, null);

        using var metadata = await client.GetAsync(Path + "/orders");
        using var plain = await client.GetAsync(Path);
        using var challenge = await client.GetAsync("/api/messages");

        metadata.StatusCode.Should().Be(HttpStatusCode.OK);
        (await metadata.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resource").GetString().Should().Be(identifier);
        plain.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "only the identifier's own well-known URL is served");
        (await BearerResponse.ReadAsync(challenge)).Parameters["resource_metadata"]
            .Should().Be("https://api.example.com/.well-known/oauth-protected-resource/orders");
    }

    [Fact]
    public async Task Without_an_identifier_or_an_https_audience_of_Bearer_the_first_https_audience_of_another_trusted_issuer_is_the_resource()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "resource-api",
            ["Authentication:Schemes:Partner:Authority"] = api.Issuer.BaseUrl,
            ["Authentication:Schemes:Partner:ValidAudiences:0"] = "https://partner-api.test",
        });

        var metadata = await ApiFixture.ClientFor(factory, null).GetFromJsonAsync<JsonElement>(Path);

        metadata.GetProperty("resource").GetString().Should().Be("https://partner-api.test");
    }

    [Fact]
    public async Task Without_an_identifier_or_an_https_audience_the_metadata_path_answers_404()
    {
        await using var factory = WithoutMetadata();

        using var response = await ApiFixture.ClientFor(factory, null).GetAsync(Path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, "RFC 9728 §3.2: no metadata is published for this API");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Without_an_identifier_tokens_are_still_validated_and_no_challenge_names_resource_metadata()
    {
        await using var factory = WithoutMetadata();

        using var reader = await ApiFixture.ClientFor(factory, api.Issuer.Token().Scope("read:messages").Claim("aud", "resource-api").Build()).GetAsync("/api/messages");
        using var noToken = await ApiFixture.ClientFor(factory, null).GetAsync("/api/messages");
        using var badToken = await ApiFixture.ClientFor(factory, "a.b.c").GetAsync("/api/messages");
        using var noScope = await ApiFixture.ClientFor(factory, api.Issuer.Token().Scope("other:scope").Claim("aud", "resource-api").Build()).GetAsync("/api/messages");

        reader.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var response in new[] { noToken, badToken, noScope })
        {
            var result = await BearerResponse.ReadAsync(response);
            result.Challenge.Should().StartWith("Bearer");
            result.Parameters.Should().NotContainKey("resource_metadata");
        }
        noToken.Headers.WwwAuthenticate.Select(c => c.Scheme).Should().Equal("Bearer", "DPoP");
        noToken.Headers.WwwAuthenticate.First().ToString().Should().Be("Bearer");
        noScope.StatusCode.Should().Be(HttpStatusCode.Forbidden);
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

    // Entra's, Keycloak's, Duende's and OpenIddict's audiences are names, not URLs: nothing to take an identifier from.
    private ApiHost WithoutMetadata() => api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "resource-api" });

    private string[] DeclaredScopes() =>
        [.. api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<ScopeRequirement>()).SelectMany(r => r.Scopes).Distinct()];
}
