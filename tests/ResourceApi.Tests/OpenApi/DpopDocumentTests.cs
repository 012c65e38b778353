using System.Text.Json.Nodes;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.OpenApi;

/// <summary>
/// The document says which operations take DPoP-bound tokens (RFC 9449), derived from each scheme's Dpop:Mode: on the
/// security scheme and on every protected operation (a sentence, an x-dpop extension, the DPoP header); nothing when off.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DpopDocumentTests(ApiFixture api)
{
    [Fact]
    public async Task By_default_DPoP_is_allowed_and_every_protected_operation_says_so_with_an_optional_DPoP_header()
    {
        var document = await SwaggerDocument.FetchAsync(api.Factory);

        document.SecurityScheme["x-dpop"]!["mode"]!.GetValue<string>().Should().Be("Allowed");
        document.SecurityScheme["x-dpop"]!["algs"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain("ES256").And.NotContain("HS256");
        document.SecurityScheme["description"]!.GetValue<string>().Should().Contain("`Authorization: DPoP <token>`").And.Contain("`Authorization: Bearer <token>`");
        var protectedOperations = document.Operations.Where(o => o.Operation.ContainsKey("security")).ToList();
        protectedOperations.Should().NotBeEmpty();
        foreach (var (method, path, operation) in protectedOperations)
        {
            var because = $"{method} {path}";
            operation["description"]!.GetValue<string>().Should().Contain("Accepts DPoP", because);
            operation["x-dpop"]!["oauth2"]!["mode"]!.GetValue<string>().Should().Be("Allowed", because);
            var header = DpopHeader(operation);
            header.Should().NotBeNull(because);
            header!["required"]?.GetValue<bool>().Should().NotBe(true, because);
            operation["responses"]!["401"]!["headers"]!["WWW-Authenticate"]!["description"]!.GetValue<string>()
                .Should().Contain("invalid_dpop_proof", because).And.Contain("algs=", because);
        }
    }

    [Fact]
    public async Task With_DPoP_required_the_operations_require_the_DPoP_header_and_say_so()
    {
        using var host = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Dpop:Mode"] = "Required" });

        var document = await SwaggerDocument.FetchAsync(host);

        document.SecurityScheme["x-dpop"]!["mode"]!.GetValue<string>().Should().Be("Required");
        document.SecurityScheme["description"]!.GetValue<string>().Should().Contain("DPoP required").And.Contain("Swagger UI cannot sign proofs");
        foreach (var (_, _, operation) in document.Operations.Where(o => o.Operation.ContainsKey("security")))
        {
            operation["description"]!.GetValue<string>().Should().Contain("DPoP required");
            DpopHeader(operation)!["required"]!.GetValue<bool>().Should().BeTrue();
        }
    }

    [Fact]
    public async Task With_DPoP_disabled_the_document_says_Bearer_only_and_offers_no_DPoP_header()
    {
        using var host = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Dpop:Mode"] = "Disabled" });

        var document = await SwaggerDocument.FetchAsync(host);

        document.SecurityScheme["x-dpop"]!["mode"]!.GetValue<string>().Should().Be("Disabled");
        document.SecurityScheme["description"]!.GetValue<string>().Should().Contain("`Authorization: Bearer <token>`").And.NotContain("Authorization: DPoP");
        foreach (var (_, _, operation) in document.Operations)
        {
            operation.Should().NotContainKey("x-dpop");
            DpopHeader(operation).Should().BeNull();
            operation["description"]?.GetValue<string>().Should().NotContain("DPoP");
        }
    }

    [Fact]
    public async Task The_algorithms_named_are_the_schemes_own_allow_list()
    {
        using var host = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Dpop:Algorithms:0"] = "ES256",
            ["Authentication:Schemes:Bearer:Dpop:Algorithms:1"] = "PS256",
        });

        var document = await SwaggerDocument.FetchAsync(host);

        document.SecurityScheme["x-dpop"]!["algs"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("ES256", "PS256");
        document.Operations.First(o => o.Operation.ContainsKey("security")).Operation["responses"]!["401"]!["headers"]!["WWW-Authenticate"]!["description"]!
            .GetValue<string>().Should().Contain("algs=\"ES256 PS256\"");
    }

    [Fact]
    public async Task With_two_issuers_in_different_modes_each_operation_names_each_issuers_mode()
    {
        await using var partner = await TestIssuer.StartAsync();
        using var host = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Partner:Authority"] = partner.BaseUrl,
            ["Authentication:Schemes:Partner:ValidAudiences:0"] = "https://resource-api.partner.test",
            ["Authentication:Schemes:Partner:Dpop:Mode"] = "Disabled",
        });

        var document = await SwaggerDocument.FetchAsync(host);

        document.SecuritySchemes["oauth2-Partner"]!["x-dpop"]!["mode"]!.GetValue<string>().Should().Be("Disabled");
        var operation = document.Operations.First(o => o.Operation.ContainsKey("security")).Operation;
        operation["x-dpop"]!["oauth2"]!["mode"]!.GetValue<string>().Should().Be("Allowed");
        operation["x-dpop"]!["oauth2-Partner"]!["mode"]!.GetValue<string>().Should().Be("Disabled");
        operation["description"]!.GetValue<string>().Should().Contain("`Bearer` Allowed").And.Contain("`Partner` Disabled");
        DpopHeader(operation)!["required"]?.GetValue<bool>().Should().NotBe(true);
    }

    private static JsonObject? DpopHeader(JsonObject operation) =>
        (operation["parameters"] as JsonArray)?.Select(p => p!.AsObject()).SingleOrDefault(p => p["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == "DPoP");
}
