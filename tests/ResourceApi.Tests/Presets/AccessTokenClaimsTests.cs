using System.Security.Claims;
using ResourceApi.AccessTokens;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// The claim normalization every validated token goes through, including its allocation-free shortcut for
/// tokens already in the normal shape: whichever way it takes, the result is one sorted, distinct,
/// single-spaced <c>scope</c> and one <c>client_id</c>.
/// </summary>
public sealed class AccessTokenClaimsTests
{
    public static TheoryData<string[], string?, string?> Tokens => new()
    {
        // Already normal: left as it is.
        { ["scope=read:messages write:messages", "client_id=svc"], "read:messages write:messages", "svc" },
        { ["client_id=svc"], null, "svc" },
        // Not normal: rewritten.
        { ["scope=write:messages read:messages", "client_id=svc"], "read:messages write:messages", "svc" },
        { ["scope=read:messages read:messages", "client_id=svc"], "read:messages", "svc" },
        { ["scope=read:messages  write:messages ", "client_id=svc"], "read:messages write:messages", "svc" },
        { ["scope=read:messages", "scp=write:messages", "client_id=svc"], "read:messages write:messages", "svc" },
        { ["scope=read:messages", "scope=write:messages", "client_id=svc"], "read:messages write:messages", "svc" },
        { ["scope=read:messages", "azp=svc"], "read:messages", "svc" },
        { ["scope=read:messages", "client_id=", "azp=svc"], "read:messages", "svc" },
        { ["scope=read:messages", "client_id=first", "client_id=second"], "read:messages", "first" },
        { ["scope=read:messages\u00a0", "client_id=svc"], "read:messages", "svc" },
    };

    [Theory, MemberData(nameof(Tokens))]
    public void Normalizing_yields_one_canonical_scope_and_one_client_id(string[] claims, string? scope, string? clientId)
    {
        var identity = new ClaimsIdentity(claims.Select(c => c.Split('=', 2)).Select(c => new Claim(c[0], c[1])), "Bearer");

        var refusal = AccessTokenClaims.Normalize(identity, new AccessTokenOptions());

        refusal.Should().BeNull();
        identity.FindAll(AccessTokenClaims.Scope).Select(c => c.Value).Should().Equal(scope is null ? [] : [scope]);
        identity.FindAll(AccessTokenClaims.ClientId).Select(c => c.Value).Should().Equal(clientId);
    }

    [Fact]
    public void A_scope_claim_the_scheme_does_not_read_is_removed_even_when_it_looks_normal()
    {
        var identity = new ClaimsIdentity([new Claim("scope", "admin"), new Claim("permissions", "read:messages"), new Claim("client_id", "svc")], "Bearer");

        AccessTokenClaims.Normalize(identity, new AccessTokenOptions { ScopeClaimTypes = ["permissions"] });

        identity.FindAll(AccessTokenClaims.Scope).Select(c => c.Value).Should().Equal("read:messages");
    }

    [Fact]
    public void A_token_with_no_client_and_no_permission_is_refused_as_not_an_access_token()
    {
        var identity = new ClaimsIdentity([new Claim("sub", "someone")], "Bearer");

        AccessTokenClaims.Normalize(identity, new AccessTokenOptions()).Should().Contain("not an access token");
    }
}
