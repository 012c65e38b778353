using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ResourceApi.Development;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.OpenApi;

/// <summary>Hosts configured differently from the shared one: extra endpoints, other environments, a dead issuer.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiHostTests(ApiFixture api)
{
    [Fact]
    public async Task A_newly_mapped_endpoint_shows_its_declared_scopes_without_any_OpenAPI_code()
    {
        using var inner = api.CreateFactory();
        using var host = WithExtraEndpoints(inner);

        var document = await SwaggerDocument.FetchAsync(host);
        SecurityTable.ShouldMatch(document, SwaggerDocument.DocumentedEndpoints(host));

        Security(document, ExtraEndpoints.AllOf).Should().Equal("x:test y:test");
        Security(document, ExtraEndpoints.AnyOf).Should().Equal("a", "b");
        Security(document, ExtraEndpoints.Both).Should().Equal("a x:test", "b x:test");
        Security(document, ExtraEndpoints.AnyToken).Should().Equal("");
        Security(document, ExtraEndpoints.Anonymous).Should().BeNull();

        Operation(document, ExtraEndpoints.AnyOf)["description"]!.GetValue<string>().Should().Contain("any one of");
        Operation(document, ExtraEndpoints.AnyOf)["x-required-scopes"]!.ToJsonString().Should().Be("""[{"match":"any","scopes":["a","b"]}]""");
        Operation(document, ExtraEndpoints.Anonymous)["responses"]!.AsObject().Should().NotContainKey("401");
        document.SecurityScheme["flows"]!["clientCredentials"]!["scopes"]!.AsObject().Select(s => s.Key)
            .Should().Contain(["x:test", "y:test", "a", "b"], "a scope an endpoint needs must be selectable in the Authorize dialog");
    }

    [Fact]
    public async Task The_extra_endpoints_enforce_what_the_document_says()
    {
        using var inner = api.CreateFactory();
        using var host = WithExtraEndpoints(inner);

        (await StatusAsync(host, ExtraEndpoints.Anonymous, null)).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(host, ExtraEndpoints.AnyToken, null)).Should().Be(HttpStatusCode.Unauthorized);
        (await StatusAsync(host, ExtraEndpoints.AnyToken, "read:messages")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(host, ExtraEndpoints.AnyOf, "b")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(host, ExtraEndpoints.AnyOf, "x:test")).Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(host, ExtraEndpoints.Both, "x:test a")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(host, ExtraEndpoints.Both, "a b")).Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(host, ExtraEndpoints.AllOf, "x:test")).Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Swagger_is_not_served_in_Production_unless_enabled()
    {
        using var host = api.CreateFactory(new Dictionary<string, string?> { ["OpenApi:EnableSwaggerUi"] = "false" });
        using var client = host.CreateClient();

        using var json = await client.GetAsync(SwaggerDocument.Url);
        using var ui = await client.GetAsync("/swagger/index.html");

        // Nothing serves these paths, so the default-deny fallback policy answers before any 404.
        json.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ui.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Development_serves_Swagger_UI_prefilled_with_the_configured_demo_client()
    {
        using var host = api.CreateFactory(new Dictionary<string, string?>
        {
            ["OpenApi:EnableSwaggerUi"] = "false",
            ["OpenApi:SwaggerUi:ClientId"] = "demo-client",
            ["OpenApi:SwaggerUi:ClientSecret"] = "demo-secret",
        }, environment: "Development");
        using var client = host.CreateClient();

        var script = await client.GetStringAsync("/swagger/index.js");

        script.Should().Contain("\"clientId\":\"demo-client\"").And.Contain("\"clientSecret\":\"demo-secret\"");
        // Swagger UI would fill every issuer's flow with them; the plugin keeps them to the Bearer issuer's (browser-tested).
        var plugins = ConfigObject(script)["plugins"]!.AsArray().Select(p => p!.GetValue<string>());
        plugins.Should().Equal(SwaggerUiDemoClient.PreFillOnlyPlugin);
        SwaggerUiDemoClient.PreFillOnlyPlugin.Should().Contain("wrapComponents: {").And.Contain("oauth2: function (Original, system)")
            .And.Contain("props.name === \"oauth2\"");
    }

    [Fact]
    public async Task With_a_real_issuer_under_Bearer_in_Development_the_development_issuers_secret_and_scopes_are_not_prefilled()
    {
        // The repository's settings file names demo-writer and, under DevelopmentIssuer:Clients, its secret and scopes;
        // with an authority configured the development issuer does not run, so they belong to no issuer here.
        using var host = api.CreateFactory(new Dictionary<string, string?> { ["OpenApi:SwaggerUi:ClientId"] = "demo-writer" }, environment: "Development");
        using var client = host.CreateClient();

        var script = await client.GetStringAsync("/swagger/index.js");

        script.Should().Contain("\"clientId\":\"demo-writer\"", "an explicit setting still pre-fills the Bearer flow");
        script.Should().NotContain("demo-writer-secret").And.NotContain("\"scopes\":[\"read:messages\"");
    }

    [Fact]
    public async Task A_demo_secret_is_never_shown_outside_Development()
    {
        using var host = api.CreateFactory(new Dictionary<string, string?>
        {
            ["OpenApi:SwaggerUi:ClientId"] = "demo-client",
            ["OpenApi:SwaggerUi:ClientSecret"] = "demo-secret",
        });
        using var client = host.CreateClient();

        var script = await client.GetStringAsync("/swagger/index.js");

        script.Should().NotContain("demo-secret").And.NotContain("demo-client");
    }

    [Fact]
    public async Task An_unreachable_issuer_still_yields_a_document_with_a_token_url_marked_as_a_guess()
    {
        var dead = "http://127.0.0.1:" + LoopbackPort.Unused();
        using var host = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Authority"] = dead });

        var document = await SwaggerDocument.FetchAsync(host);

        document.SecurityScheme["flows"]!["clientCredentials"]!["tokenUrl"]!.GetValue<string>().Should().Be(dead + "/oauth/token");
        document.SecurityScheme["description"]!.GetValue<string>().Should().Contain("could not be fetched").And.Contain("guess");
        document.Operations.Should().NotBeEmpty();
    }

    private static WebApplicationFactory<Program> WithExtraEndpoints(ApiHost inner) =>
        inner.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new EndpointBranch(ExtraEndpoints.Prefix, ExtraEndpoints.Map))));

    // The settings Swagger UI starts with, as Swashbuckle writes them into index.js: one line of JSON.
    private static JsonObject ConfigObject(string script) =>
        JsonNode.Parse(Regex.Match(script, @"var configObject = (?<json>.+);\r?$", RegexOptions.Multiline).Groups["json"].Value)!.AsObject();

    private static string[]? Security(SwaggerDocument document, string path) => SwaggerDocument.SecurityOf(Operation(document, path));

    private static System.Text.Json.Nodes.JsonObject Operation(SwaggerDocument document, string path) =>
        document.Operations.Single(o => o.Path == path).Operation;

    private async Task<HttpStatusCode> StatusAsync(WebApplicationFactory<Program> host, string path, string? scope)
    {
        using var client = ApiFixture.ClientFor(host, scope is null ? null : api.Issuer.Token(scope));
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }
}
