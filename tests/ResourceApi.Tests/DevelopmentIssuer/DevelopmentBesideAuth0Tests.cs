using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.OpenApi;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>The built-in development issuer and an Auth0 tenant trusted side by side, end to end over loopback HTTP.</summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class DevelopmentBesideAuth0Tests(DevelopmentIssuerFixture fixture)
{
    [Fact]
    public async Task Tokens_from_the_development_issuer_and_from_Auth0_both_read_messages_and_meet_the_same_scope_rules()
    {
        var both = await fixture.BesideAuth0Async();
        var development = await DevelopmentIssuerFixture.TokenAsync(both.Host, "demo-reader");
        var auth0 = both.Auth0.Token("read:messages");

        foreach (var (token, issuer) in new[] { (development, both.Host.BaseUrl + "/"), (auth0, both.Auth0.Issuer) })
        {
            using var client = DevelopmentIssuerFixture.Client(both.Host, token);
            using var read = await client.GetAsync("/api/messages");
            var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
            using var post = await client.PostAsJsonAsync("/api/messages", new { text = "a reader may not post" });

            read.StatusCode.Should().Be(HttpStatusCode.OK, issuer);
            me.GetProperty("issuer").GetString().Should().Be(issuer);
            var refused = await BearerResponse.ReadAsync(post);
            refused.Status.Should().Be(HttpStatusCode.Forbidden, issuer);
            refused.Error.Should().Be("insufficient_scope");
            refused.Parameters["scope"].Should().Be("write:messages");
        }
    }

    [Fact]
    public async Task A_token_from_an_issuer_neither_scheme_names_gets_401_without_an_outbound_request()
    {
        var both = await fixture.BesideAuth0Async();
        // Both trusted issuers' keys are loaded once each has had a token checked.
        await ReadAsync(both, await DevelopmentIssuerFixture.TokenAsync(both.Host, "demo-reader"));
        await ReadAsync(both, both.Auth0.Token("read:messages"));
        var meters = both.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var fetches = new MetricCollector<long>(meters, AuthenticationMetrics.MeterName, "resourceapi.keyset.fetches");
        var auth0Requests = both.Auth0.MetadataRequests;
        // Signed by its own published key, for this API's audience: only its iss gives it away.
        var token = both.Unknown.Token("read:messages");

        using var response = await DevelopmentIssuerFixture.Client(both.Host, token).GetAsync("/api/messages");

        var refused = await BearerResponse.ReadAsync(response);
        refused.Status.Should().Be(HttpStatusCode.Unauthorized);
        refused.Error.Should().Be("invalid_token");
        refused.Description.Should().Contain("issuer");
        both.Unknown.MetadataRequests.Should().Be(0, "nothing is fetched from an issuer nobody configured");
        both.Auth0.MetadataRequests.Should().Be(auth0Requests);
        fetches.GetMeasurementSnapshot().Should().BeEmpty("no scheme fetched metadata or keys for it, the development issuer's included");
    }

    [Fact]
    public async Task The_OpenAPI_document_offers_each_issuers_flow_the_development_issuer_at_its_own_token_endpoint()
    {
        var both = await fixture.BesideAuth0Async();
        var developmentTokenEndpoint = await DiscoveryDocument.TokenEndpointAsync(both.Host.BaseUrl);
        var auth0TokenEndpoint = await DiscoveryDocument.TokenEndpointAsync(both.Auth0.BaseUrl);

        var document = await SwaggerDocument.FetchAsync(both.Host);

        document.SecuritySchemes.Select(s => s.Key).Should().Equal("oauth2", "oauth2-Auth0");
        var ownFlow = document.ClientCredentials("oauth2");
        ownFlow["tokenUrl"]!.GetValue<string>().Should().Be(both.Host.BaseUrl + "/oauth/token")
            .And.Be(developmentTokenEndpoint);
        ownFlow["x-audience"]!.GetValue<string>().Should().Be(DevelopmentIssuerFixture.Audience);
        var auth0Flow = document.ClientCredentials("oauth2-Auth0");
        auth0Flow["tokenUrl"]!.GetValue<string>().Should().Be(auth0TokenEndpoint);
        auth0Flow["x-audience"]!.GetValue<string>().Should().Be(TestIssuer.Audience);
        document.SecuritySchemes["oauth2"]!["description"]!.GetValue<string>().Should().Contain(both.Host.BaseUrl + "/").And.NotContain("guess");
        document.SecuritySchemes["oauth2-Auth0"]!["description"]!.GetValue<string>().Should().Contain(both.Auth0.Issuer).And.NotContain("guess");
        SecurityTable.ShouldMatch(document, SwaggerDocument.DocumentedEndpoints(both.Host), "oauth2", "oauth2-Auth0");
    }

    private static async Task ReadAsync(DevelopmentBesideAuth0 both, string token)
    {
        using var response = await DevelopmentIssuerFixture.Client(both.Host, token).GetAsync("/api/messages");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
