using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace ResourceApi.ScopePolicies.Tests;

/// <summary>
/// The one reader of declared scopes sees what the authorization middleware will enforce: endpoint
/// metadata, named policies through the policy provider, the fallback policy, and anonymous endpoints.
/// </summary>
public sealed class DeclaredScopesTests
{
    private static readonly AuthorizationOptions Authorization = CreateAuthorization();

    [Fact]
    public async Task An_endpoint_scope_requirement_is_read_with_its_match()
    {
        var access = await Reader().ForEndpointAsync([new ScopeRequirement(ScopeMatch.Any, ["a", "b"])]);

        access!.ScopeRequirements.Should().ContainSingle().Which.Match.Should().Be(ScopeMatch.Any);
        access.Alternatives.Should().BeEquivalentTo(new[] { new[] { "a" }, new[] { "b" } });
        access.HasOtherRequirements.Should().BeFalse();
    }

    [Fact]
    public async Task A_named_policy_contributes_its_scopes()
    {
        var access = await Reader().ForEndpointAsync([new AuthorizeAttribute("orders.admin")]);

        access!.Scopes.Should().Equal("admin:orders");
        access.CanForbid.Should().BeTrue();
        access.Describe().Should().Contain("`admin:orders`");
    }

    [Fact]
    public async Task A_named_policy_and_an_endpoint_requirement_both_apply()
    {
        var access = await Reader().ForEndpointAsync([new AuthorizeAttribute("orders.admin"), new ScopeRequirement(ScopeMatch.All, ["read:orders"])]);

        access!.Alternatives.Should().ContainSingle().Which.Should().BeEquivalentTo("admin:orders", "read:orders");
    }

    [Fact]
    public async Task A_policy_that_is_not_about_scopes_can_forbid_without_naming_a_scope()
    {
        var access = await Reader().ForEndpointAsync([new AuthorizeAttribute("auditors")]);

        access!.Scopes.Should().BeEmpty();
        access.HasOtherRequirements.Should().BeTrue();
        access.CanForbid.Should().BeTrue();
    }

    [Fact]
    public async Task An_endpoint_with_no_declaration_falls_back_to_the_fallback_policy()
    {
        var access = await Reader().ForEndpointAsync([]);

        access.Should().NotBeNull("the fallback policy requires a token");
        access!.Scopes.Should().BeEmpty();
        access.CanForbid.Should().BeFalse();
        access.Describe().Should().Be("Needs a valid access token; no particular scope.");
    }

    [Fact]
    public async Task An_anonymous_endpoint_needs_nothing()
    {
        var access = await Reader().ForEndpointAsync([new AllowAnonymousAttribute(), new ScopeRequirement(ScopeMatch.All, ["a"])]);

        access.Should().BeNull();
    }

    [Fact]
    public async Task All_scopes_are_the_union_over_endpoints_and_named_policies_in_ordinal_order()
    {
        var reader = Reader(
            Endpoint(new ScopeRequirement(ScopeMatch.All, ["write:orders", "read:orders"])),
            Endpoint(new AuthorizeAttribute("orders.admin")),
            Endpoint(new AllowAnonymousAttribute(), new ScopeRequirement(ScopeMatch.All, ["never:listed"])),
            Endpoint());

        (await reader.AllAsync()).Should().Equal("admin:orders", "read:orders", "write:orders");
    }

    private static DeclaredScopes Reader(params Endpoint[] endpoints) =>
        new(new DefaultEndpointDataSource(endpoints), new DefaultAuthorizationPolicyProvider(Options.Create(Authorization)));

    private static Endpoint Endpoint(params object[] metadata)
    {
        var builder = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse("/x"), 0);
        foreach (var item in metadata)
        {
            builder.Metadata.Add(item);
        }
        return builder.Build();
    }

    private static AuthorizationOptions CreateAuthorization()
    {
        var options = new AuthorizationOptions
        {
            FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build(),
        };
        options.AddPolicy("orders.admin", p => p.RequireScope("admin:orders"));
        options.AddPolicy("auditors", p => p.RequireAuthenticatedUser().RequireRole("auditor"));
        return options;
    }
}
