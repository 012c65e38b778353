using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.ScopePolicies;

/// <summary>Entra ID app permissions (<c>roles</c>) and Auth0 RBAC (<c>permissions</c>) count only when configured.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScopeClaimTypeTests(ApiFixture api) : IAsyncLifetime
{
    private ApiHost _factory = null!;

    public Task InitializeAsync()
    {
        _factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:ScopeClaimTypes:0"] = "scope",
            ["Authentication:Schemes:Bearer:ScopeClaimTypes:1"] = "roles",
            ["Authentication:Schemes:Bearer:ScopeClaimTypes:2"] = "permissions",
        });
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("roles")]
    [InlineData("permissions")]
    public async Task Configured_claim_types_grant_scopes(string claim)
    {
        var token = api.Issuer.Token().Without("scope").Claim(claim, new[] { "read:messages" }).Build();

        using var response = await ApiFixture.ClientFor(_factory, token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Claim_types_left_out_of_the_list_no_longer_grant()
    {
        var token = api.Issuer.Token().Without("scope").Claim("scp", "read:messages").Build();

        using var response = await ApiFixture.ClientFor(_factory, token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
