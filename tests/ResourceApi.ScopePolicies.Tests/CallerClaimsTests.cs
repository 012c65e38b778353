using System.Security.Claims;
using ResourceApi.ScopePolicies;

namespace ResourceApi.ScopePolicies.Tests;

/// <summary>The calling client is the normalized <c>client_id</c> claim (RFC 9068), never guessed from another claim.</summary>
public sealed class CallerClaimsTests
{
    [Fact]
    public void The_client_is_the_client_id_claim()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("azp", "other"), new Claim("client_id", "svc")], "Bearer"));

        user.GetClientId().Should().Be("svc");
    }

    [Theory]
    [InlineData("azp", "svc")]
    [InlineData("appid", "svc")]
    [InlineData("sub", "svc@clients")]
    public void No_other_claim_stands_in_for_client_id(string claim, string value)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(claim, value)], "Bearer"));

        user.GetClientId().Should().BeNull();
    }
}
