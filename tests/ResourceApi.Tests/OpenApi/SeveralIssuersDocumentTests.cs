using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResourceApi.Messages;
using ResourceApi.OpenApi;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.OpenApi;

/// <summary>The document of an API that trusts two issuers: the shared one under <c>Bearer</c>, and a partner (or a dead one) under a name.</summary>
[Collection(ApiCollection.Name)]
public sealed class SeveralIssuersDocumentTests(ApiFixture api)
{
    private const string PartnerAudience = "https://resource-api.partner.test";

    [Fact]
    public async Task Each_issuer_has_a_client_credentials_flow_at_the_token_endpoint_its_own_discovery_names()
    {
        await using var partner = await TestIssuer.StartAsync();
        using var host = api.CreateFactory(Partner("Partner", partner.BaseUrl));

        var document = await SwaggerDocument.FetchAsync(host);

        document.SecuritySchemes.Select(s => s.Key).Should().Equal("oauth2", "oauth2-Partner");
        foreach (var (name, issuer, audience) in new[] { ("oauth2", api.Issuer, TestIssuer.Audience), ("oauth2-Partner", partner, PartnerAudience) })
        {
            var scheme = document.SecuritySchemes[name]!;
            scheme["type"]!.GetValue<string>().Should().Be("oauth2");
            scheme["flows"]!.AsObject().Select(f => f.Key).Should().Equal("clientCredentials");
            var flow = document.ClientCredentials(name);
            flow["tokenUrl"]!.GetValue<string>().Should().Be(await DiscoveryDocument.TokenEndpointAsync(issuer.BaseUrl), name);
            flow["x-audience"]!.GetValue<string>().Should().Be(audience);
            flow["scopes"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!.GetValue<string>()).Should().BeEquivalentTo(MessageScopes.Descriptions);
            scheme["description"]!.GetValue<string>().Should().Contain(issuer.Issuer).And.NotContain("guess");
        }
        document.SecuritySchemes["oauth2-Partner"]!["description"]!.GetValue<string>().Should().Contain("`Authentication:Schemes:Partner`");
    }

    [Fact]
    public async Task Every_protected_operation_offers_each_issuer_as_an_alternative_with_the_same_scopes()
    {
        await using var partner = await TestIssuer.StartAsync();
        using var inner = api.CreateFactory(Partner("Partner", partner.BaseUrl));
        using var host = inner.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddTransient<IStartupFilter>(_ => new EndpointBranch(ExtraEndpoints.Prefix, ExtraEndpoints.Map))));

        var document = await SwaggerDocument.FetchAsync(host);

        // Any-of endpoints too: one requirement object per issuer and per alternative, since OpenAPI ORs them.
        SecurityTable.ShouldMatch(document, SwaggerDocument.DocumentedEndpoints(host), "oauth2", "oauth2-Partner");
        var anyOf = document.Operations.Single(o => o.Path == ExtraEndpoints.AnyOf).Operation;
        anyOf["security"]!.ToJsonString().Should().Be("""[{"oauth2":["a"]},{"oauth2":["b"]},{"oauth2-Partner":["a"]},{"oauth2-Partner":["b"]}]""");
        anyOf["x-required-scopes"]!.ToJsonString().Should().Be("""[{"match":"any","scopes":["a","b"]}]""", "the scopes are stated once, whichever issuer");
        document.Operations.Single(o => o.Path == ExtraEndpoints.Anonymous).Operation.Should().NotContainKey("security");
    }

    [Fact]
    public async Task An_unreachable_issuer_gets_a_guessed_token_url_with_a_warning_while_the_other_flow_stays_exact()
    {
        var dead = "http://127.0.0.1:" + LoopbackPort.Unused();
        using var host = api.CreateFactory(Partner("Gone", dead));

        var document = await SwaggerDocument.FetchAsync(host);

        document.ClientCredentials("oauth2")["tokenUrl"]!.GetValue<string>().Should().Be(await DiscoveryDocument.TokenEndpointAsync(api.Issuer.BaseUrl));
        document.SecuritySchemes["oauth2"]!["description"]!.GetValue<string>().Should().NotContain("guess");
        document.ClientCredentials("oauth2-Gone")["tokenUrl"]!.GetValue<string>().Should().Be(dead + "/oauth/token");
        document.SecuritySchemes["oauth2-Gone"]!["description"]!.GetValue<string>().Should().Contain("could not be fetched").And.Contain("guess");
        host.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("Authentication:Schemes:Gone", StringComparison.Ordinal),
            "the operator is told which issuer to check");
    }

    [Theory]
    [InlineData("Bearer", "oauth2")]
    [InlineData("Auth0", "oauth2-Auth0")]
    [InlineData("Entra tenant.A-2_b", "oauth2-Entra_tenant.A-2_b")]
    [InlineData("Entra (A)/v2", "oauth2-Entra__A__v2")]
    public void A_schemes_key_is_oauth2_for_Bearer_and_otherwise_its_name_in_the_characters_OpenAPI_keys_allow(string scheme, string key)
    {
        OAuth2Scheme.NameFor(scheme).Should().Be(key).And.MatchRegex("^[a-zA-Z0-9._-]+$");
    }

    private static Dictionary<string, string?> Partner(string scheme, string authority) => new()
    {
        [$"Authentication:Schemes:{scheme}:Authority"] = authority,
        [$"Authentication:Schemes:{scheme}:ValidAudiences:0"] = PartnerAudience,
    };
}
