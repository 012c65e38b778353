using System.Net;
using ResourceApi.Messages;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.OpenApi;

[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFixture api)
{
    [Fact]
    public async Task Document_is_valid_OpenAPI_and_needs_no_token()
    {
        // FetchAsync uses a client without a token, checks 200 and parses with Microsoft.OpenApi.
        var document = await SwaggerDocument.FetchAsync(api.Factory);

        document.Root["openapi"]!.GetValue<string>().Should().StartWith("3.");
        document.Operations.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Security_scheme_is_oauth2_client_credentials_at_the_issuers_token_endpoint_with_every_scope()
    {
        var tokenEndpoint = await DiscoveryDocument.TokenEndpointAsync(api.Issuer.BaseUrl);

        var document = await SwaggerDocument.FetchAsync(api.Factory);
        var scheme = document.SecurityScheme;

        document.SecuritySchemes.Select(s => s.Key).Should().Equal(["oauth2"], "one issuer, one scheme");
        scheme["type"]!.GetValue<string>().Should().Be("oauth2");
        var flows = scheme["flows"]!.AsObject();
        flows.Select(f => f.Key).Should().Equal("clientCredentials");
        var flow = flows["clientCredentials"]!;
        flow["tokenUrl"]!.GetValue<string>().Should().Be(tokenEndpoint);
        flow["scopes"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!.GetValue<string>())
            .Should().BeEquivalentTo(MessageScopes.Descriptions);
        flow["x-audience"]!.GetValue<string>().Should().Be(TestIssuer.Audience, "Swagger UI names it in the token request");
        scheme["description"]!.GetValue<string>().Should().Contain(api.Issuer.Issuer).And.NotContain("guess");
    }

    [Fact]
    public async Task Every_operation_requires_exactly_the_scopes_its_endpoint_declares()
    {
        var document = await SwaggerDocument.FetchAsync(api.Factory);
        var endpoints = SwaggerDocument.DocumentedEndpoints(api.Factory);

        SecurityTable.ShouldMatch(document, endpoints);
    }

    [Fact]
    public async Task Health_is_anonymous_and_absent_from_the_document_as_a_health_check_not_an_operation()
    {
        var document = await SwaggerDocument.FetchAsync(api.Factory);
        using var response = await api.Client().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // MapHealthChecks is middleware, not a handler, so ApiExplorer does not describe it; anonymous
        // operations are covered by the extra-endpoint host in OpenApiHostTests.
        document.Operations.Should().NotContain(o => o.Path == "/health");
    }

    [Fact]
    public async Task Protected_operations_document_400_401_and_403_as_problem_details_with_a_challenge_header()
    {
        var document = await SwaggerDocument.FetchAsync(api.Factory);

        foreach (var (method, path, operation) in document.Operations.Where(o => o.Operation["security"] is not null))
        {
            var because = $"{method} {path}";
            var responses = operation["responses"]!.AsObject();
            var scoped = SwaggerDocument.SecurityOf(operation)!.Any(s => s.Length > 0);
            var expected = scoped ? new[] { "400", "401", "403" } : ["400", "401"];

            foreach (var status in expected)
            {
                responses.Should().ContainKey(status, because);
                var response = responses[status]!;
                var schema = response["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>();
                schema.Should().BeOneOf(["#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails"], because);
                response["headers"]!["WWW-Authenticate"]!["description"]!.GetValue<string>().Should().Contain("Bearer", because);
            }
            if (scoped)
            {
                responses["403"]!["description"]!.GetValue<string>().Should().Contain("insufficient_scope", because);
            }
            else
            {
                responses.Should().NotContainKey("403", because + ": any valid token passes");
            }
        }

        document.Root["components"]!["schemas"]!["ProblemDetails"]!["properties"]!.AsObject()
            .Select(p => p.Key).Should().Contain(["type", "title", "status", "detail"]);
    }

    [Fact]
    public async Task Handler_xml_docs_become_summaries_and_scopes_are_spelled_out_in_the_description()
    {
        var document = await SwaggerDocument.FetchAsync(api.Factory);

        var list = document.Operations.Single(o => o.Operation["operationId"]?.GetValue<string>() == "ListMessages").Operation;
        list["summary"]!.GetValue<string>().Should().Be("Lists messages, newest first.");
        list["description"]!.GetValue<string>().Should().Contain("`read:messages`");
        list["x-required-scopes"]!.ToJsonString().Should().Be("""[{"match":"all","scopes":["read:messages"]}]""");
    }

    [Fact]
    public async Task Api_endpoints_still_answer_401_without_a_token_while_the_docs_are_public()
    {
        using var client = api.Client();

        using var json = await client.GetAsync(SwaggerDocument.Url);
        using var ui = await client.GetAsync("/swagger/index.html");
        using var me = await client.GetAsync("/api/me");
        using var messages = await client.GetAsync("/api/messages");

        json.StatusCode.Should().Be(HttpStatusCode.OK);
        ui.StatusCode.Should().Be(HttpStatusCode.OK);
        me.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        messages.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        messages.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer").And.NotContain("error=");
    }

    [Fact]
    public async Task Swagger_UI_is_served_at_swagger_with_client_credentials_settings_and_no_secret_outside_Development()
    {
        using var client = api.Client();

        using var page = await client.GetAsync("/swagger");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetStringAsync("/swagger/index.js");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("swagger-ui");
        script.Should().Contain("\"persistAuthorization\":true").And.Contain("\"tryItOutEnabled\":true");
        script.Should().Contain("v1/swagger.json");
        script.Should().Contain("grant_type=client_credentials").And.Contain("audience=");
        script.Should().NotContain("clientSecret\":\"");
    }
}
