using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ResourceApi.ScopePolicies;
using System.Text.Json.Nodes;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.OpenApi;

namespace ResourceApi.Tests.ScopePolicies;

/// <summary>
/// The other way teams declare rules, as the README shows: named policies. A scope policy answers
/// 403 insufficient_scope like an endpoint's own RequireScope, and its scope shows wherever the API
/// states its scopes (OpenAPI, the Authorize dialog, RFC 9728 metadata); any other policy gets a plain 403.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NamedPolicyTests(ApiFixture api) : IAsyncLifetime
{
    private const string ScopePolicyPath = "/named/scope-policy";
    private const string RolePolicyPath = "/named/role-policy";

    private ApiHost _inner = null!;
    private WebApplicationFactory<Program> _host = null!;

    public Task InitializeAsync()
    {
        _inner = api.CreateFactory();
        _host = _inner.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddAuthorizationBuilder()
                .AddPolicy("orders.admin", p => p.RequireScope("admin:orders"))
                .AddPolicy("auditors", p => p.RequireAuthenticatedUser().RequireRole("auditor"));
            services.AddTransient<IStartupFilter>(_ => new EndpointBranch("/named", endpoints =>
            {
                endpoints.MapGet(ScopePolicyPath, () => TypedResults.Ok("orders")).RequireAuthorization("orders.admin");
                endpoints.MapGet(RolePolicyPath, () => TypedResults.Ok("audit")).RequireAuthorization("auditors");
            }));
        }));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_named_scope_policy_answers_403_insufficient_scope_with_its_scope()
    {
        using var response = await ApiFixture.ClientFor(_host, api.Issuer.Token("read:messages")).GetAsync(ScopePolicyPath);
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Forbidden);
        result.Error.Should().Be("insufficient_scope");
        result.Parameters["scope"].Should().Be("admin:orders");
    }

    [Fact]
    public async Task A_named_scope_policy_lets_the_scope_through()
    {
        using var response = await ApiFixture.ClientFor(_host, api.Issuer.Token("admin:orders")).GetAsync(ScopePolicyPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Any_other_policy_failure_is_a_plain_403_problem_without_a_scope_challenge()
    {
        using var response = await ApiFixture.ClientFor(_host, api.Issuer.Token("read:messages")).GetAsync(RolePolicyPath);
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Forbidden);
        result.Challenge.Should().BeNull();
        result.ContentType.Should().Be("application/problem+json");
        result.ProblemString("detail").Should().Contain("authorization policy");
    }

    [Fact]
    public async Task Roles_are_read_from_the_roles_claim()
    {
        var token = api.Issuer.Token().Claim("roles", new[] { "auditor" }).Build();

        using var response = await ApiFixture.ClientFor(_host, token).GetAsync(RolePolicyPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_named_scope_policy_shows_its_scope_and_403_in_the_OpenAPI_operation()
    {
        var document = await SwaggerDocument.FetchAsync(_host);
        var operation = document.Operations.Single(o => o.Method == "GET" && o.Path == ScopePolicyPath).Operation;

        SwaggerDocument.SecurityOf(operation).Should().Equal("admin:orders");
        var forbidden = operation["responses"]!["403"]!;
        forbidden["description"]!.GetValue<string>().Should().Contain("insufficient_scope").And.Contain("`admin:orders`");
        forbidden["headers"]!["WWW-Authenticate"]!["description"]!.GetValue<string>().Should().Contain("scope=\"admin:orders\"");
    }

    [Fact]
    public async Task Any_other_policy_documents_a_403_that_names_no_scope()
    {
        var document = await SwaggerDocument.FetchAsync(_host);
        var operation = document.Operations.Single(o => o.Method == "GET" && o.Path == RolePolicyPath).Operation;

        SwaggerDocument.SecurityOf(operation).Should().Equal("");
        operation["responses"]!["403"]!["description"]!.GetValue<string>().Should().Contain("authorization policy").And.NotContain("insufficient_scope");
    }

    [Fact]
    public async Task A_named_scope_policy_scope_is_offered_in_the_Authorize_dialog()
    {
        var document = await SwaggerDocument.FetchAsync(_host);

        document.SecurityScheme["flows"]!["clientCredentials"]!["scopes"]!.AsObject().Select(p => p.Key)
            .Should().Contain(["admin:orders", "read:messages"]);
    }

    [Fact]
    public async Task A_named_scope_policy_scope_is_listed_in_the_protected_resource_metadata()
    {
        using var response = await ApiFixture.ClientFor(_host, null).GetAsync("/.well-known/oauth-protected-resource");
        var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        metadata["scopes_supported"]!.AsArray().Select(s => s!.GetValue<string>())
            .Should().Equal("admin:orders", "delete:messages", "read:messages", "write:messages");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _inner.DisposeAsync();
    }
}
