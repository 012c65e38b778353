using System.Security.Claims;
using ResourceApi.ScopePolicies;

namespace ResourceApi.ScopePolicies.Tests;

/// <summary>
/// Granted scopes are exact RFC 6749 §3.3 scope-tokens: a claim value splits on the space character (U+0020)
/// alone, and a piece with any character outside the scope-token set is no scope, never trimmed into one.
/// </summary>
public sealed class GrantedScopesTests
{
    public static TheoryData<string, string[]> Values => new()
    {
        { "read:messages", ["read:messages"] },
        { "read:messages write:messages", ["read:messages", "write:messages"] },
        { "read:messages  write:messages", ["read:messages", "write:messages"] },
        { " read:messages ", ["read:messages"] },
        { "read:messages write:messages\u00a0", ["read:messages"] },
        { "\u3000delete:messages\u2003", [] },
        { "read:messages\u2003write:messages", [] },
        { "read:messages write:messages\t", ["read:messages"] },
        { "read:messages\twrite:messages", [] },
        { "read:messages write:messages\u0000", ["read:messages"] },
        { "read:messages write:\u007fmessages", ["read:messages"] },
        { "read:messages \"write:messages\"", ["read:messages"] },
        { "read:messages write\\messages", ["read:messages"] },
        { "read:messages écrire:messages", ["read:messages"] },
        { "", [] },
    };

    [Theory, MemberData(nameof(Values))]
    public void Only_exact_scope_tokens_split_on_the_space_character_are_granted(string value, string[] granted)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", value)], "Bearer"));

        var scopes = GrantedScopes.From(user, ["scope"]);

        scopes.Should().BeEquivalentTo(granted);
    }
}
