using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using ResourceApi.ScopePolicies;

namespace ResourceApi.ScopePolicies.Tests;

/// <summary>The scope policy code teams copy, evaluated by the framework's own authorization service.</summary>
public sealed class ScopeRequirementTests
{
    [Fact]
    public void A_requirement_with_no_scopes_is_a_startup_error()
    {
        var act = () => new ScopeRequirement(ScopeMatch.All, []);

        act.Should().Throw<ArgumentException>().WithMessage("*at least one scope*");
    }

    [Fact]
    public void RequireScope_with_no_scopes_fails_when_the_endpoint_is_mapped()
    {
        var policy = new AuthorizationPolicyBuilder();

        var act = () => policy.RequireScope();

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("read messages")]
    [InlineData("read\"messages")]
    [InlineData("")]
    public void Invalid_scope_tokens_are_refused(string scope)
    {
        var act = () => new ScopeRequirement(ScopeMatch.All, [scope]);

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(ScopeMatch.All, "a b", true)]
    [InlineData(ScopeMatch.All, "a", false)]
    [InlineData(ScopeMatch.All, "b c", false)]
    [InlineData(ScopeMatch.Any, "a", true)]
    [InlineData(ScopeMatch.Any, "b", true)]
    [InlineData(ScopeMatch.Any, "c", false)]
    [InlineData(ScopeMatch.Any, "", false)]
    public async Task All_of_and_any_of_are_evaluated_by_the_authorization_service(ScopeMatch match, string granted, bool allowed)
    {
        var service = AuthorizationService();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", granted)], "Bearer"));

        var result = await service.AuthorizeAsync(user, null, new ScopeRequirement(match, ["a", "b"]).GetRequirements());

        result.Succeeded.Should().Be(allowed);
    }

    [Fact]
    public async Task An_unauthenticated_principal_is_granted_nothing_even_with_scope_claims()
    {
        var service = AuthorizationService();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", "a")]));

        var result = await service.AuthorizeAsync(anonymous, null, new ScopeRequirement(ScopeMatch.All, ["a"]).GetRequirements());

        result.Succeeded.Should().BeFalse();
    }

    private static IAuthorizationService AuthorizationService() =>
        new ServiceCollection().AddLogging().AddScopeAuthorization().BuildServiceProvider().GetRequiredService<IAuthorizationService>();
}
