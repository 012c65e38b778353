using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.AccessTokens;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// The claim normalization every validated token goes through, including its allocation-free shortcut for
/// tokens already in the normal shape: whichever way it takes, the result is one sorted, distinct,
/// single-spaced <c>scope</c> and one <c>client_id</c>. Claims come from the token library itself, which
/// gives a JSON array element and a string the same claim; only the token tells them apart.
/// </summary>
public sealed class AccessTokenClaimsTests
{
    public static TheoryData<string, string?, string?> Tokens => new()
    {
        // Already normal: left as it is.
        { """{"scope":"read:messages write:messages","client_id":"svc"}""", "read:messages write:messages", "svc" },
        { """{"client_id":"svc"}""", null, "svc" },
        { """{"scope":["read:messages"],"client_id":"svc"}""", "read:messages", "svc" },
        // Not normal: rewritten.
        { """{"scope":"write:messages read:messages","client_id":"svc"}""", "read:messages write:messages", "svc" },
        { """{"scope":"read:messages read:messages","client_id":"svc"}""", "read:messages", "svc" },
        { """{"scope":"read:messages  write:messages ","client_id":"svc"}""", "read:messages write:messages", "svc" },
        { """{"scope":"read:messages","scp":"write:messages","client_id":"svc"}""", "read:messages write:messages", "svc" },
        { """{"scope":["write:messages","read:messages"],"client_id":"svc"}""", "read:messages write:messages", "svc" },
        { """{"scope":"read:messages","azp":"svc"}""", "read:messages", "svc" },
        { """{"scope":"read:messages","client_id":"","azp":"svc"}""", "read:messages", "svc" },
        { """{"scope":"read:messages","client_id":["first","second"]}""", "read:messages", "first" },
        // Not a scope token: dropped, never trimmed or split into one.
        { """{"scope":"read:messages\u00a0","client_id":"svc"}""", null, "svc" },
        { """{"scope":"read:messages write:messages\u00a0","client_id":"svc"}""", "read:messages", "svc" },
        { """{"scope":"read:messages\twrite:messages","client_id":"svc"}""", null, "svc" },
        { """{"scope":"read:messages write:\u0001messages","client_id":"svc"}""", "read:messages", "svc" },
        { """{"scope":["read:messages write:messages"],"client_id":"svc"}""", null, "svc" },
        { """{"scope":["read:messages","write:messages delete:messages"],"client_id":"svc"}""", "read:messages", "svc" },
        { """{"scp":["read:messages write:messages"],"client_id":"svc"}""", null, "svc" },
    };

    [Theory, MemberData(nameof(Tokens))]
    public void Normalizing_yields_one_canonical_scope_and_one_client_id(string payload, string? scope, string? clientId)
    {
        var (identity, token) = Read(payload);

        var refusal = AccessTokenClaims.Normalize(identity, new AccessTokenOptions(), token);

        refusal.Should().BeNull();
        identity.FindAll(AccessTokenClaims.Scope).Select(c => c.Value).Should().Equal(scope is null ? [] : [scope]);
        identity.FindAll(AccessTokenClaims.ClientId).Select(c => c.Value).Should().Equal(clientId);
    }

    [Fact]
    public void A_scope_claim_the_scheme_does_not_read_is_removed_even_when_it_looks_normal()
    {
        var (identity, token) = Read("""{"scope":"admin","permissions":"read:messages","client_id":"svc"}""");

        AccessTokenClaims.Normalize(identity, new AccessTokenOptions { ScopeClaimTypes = ["permissions"] }, token);

        identity.FindAll(AccessTokenClaims.Scope).Select(c => c.Value).Should().Equal("read:messages");
    }

    [Fact]
    public void Keycloak_client_roles_are_one_scope_token_per_array_element()
    {
        var (identity, token) = Read("""{"resource_access":{"api":{"roles":["read:messages","write:messages delete:messages"]}},"client_id":"svc"}""");

        AccessTokenClaims.Normalize(identity, new AccessTokenOptions { ScopeClaimTypes = ["resource_access.api.roles"] }, token);

        identity.FindAll(AccessTokenClaims.Scope).Select(c => c.Value).Should().Equal("read:messages");
    }

    [Theory]
    [InlineData("""{"scope":"read:messages","sub":"svc@clients"}""")]
    [InlineData("""{"roles":["read:messages"],"sub":"someone"}""")]
    [InlineData("""{"scope":"read:messages","client_id":""}""")]
    public void A_token_naming_no_client_is_refused_as_not_an_access_token_whatever_it_grants(string payload)
    {
        var (identity, token) = Read(payload);

        var refusal = AccessTokenClaims.Normalize(identity, new AccessTokenOptions { ScopeClaimTypes = ["scope", "roles"] }, token);

        refusal.Should().Contain("names no calling client").And.Contain("client_id, azp, appid").And.Contain("not an access token");
    }

    [Fact]
    public void A_token_with_no_client_and_no_permission_is_refused_as_not_an_access_token()
    {
        var (identity, token) = Read("""{"sub":"someone"}""");

        AccessTokenClaims.Normalize(identity, new AccessTokenOptions(), token).Should().Contain("not an access token");
    }

    // An unsigned token read by the token library, and the identity it makes of its claims.
    private static (ClaimsIdentity Identity, JsonWebToken Token) Read(string payload)
    {
        var token = new JsonWebToken(Base64UrlEncoder.Encode("""{"alg":"none"}""") + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + ".");
        return (new CaseSensitiveClaimsIdentity(token.Claims, "Bearer"), token);
    }
}
