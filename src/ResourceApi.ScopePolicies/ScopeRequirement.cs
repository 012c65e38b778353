using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace ResourceApi.ScopePolicies;

/// <summary>
/// "The caller's token must carry these scopes." It is both the requirement the authorization
/// middleware evaluates and the endpoint metadata that OpenAPI and error responses read, so an
/// endpoint's scopes are declared exactly once.
/// </summary>
public sealed class ScopeRequirement : IAuthorizationRequirement, IAuthorizationRequirementData
{
    /// <summary>A requirement for <paramref name="scopes"/>; at least one, each an RFC 6749 scope token, or it throws at start-up.</summary>
    /// <param name="match">Whether every scope is needed or one is enough.</param>
    /// <param name="scopes">The scopes, e.g. <c>read:items</c>.</param>
    public ScopeRequirement(ScopeMatch match, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var list = scopes.ToArray();

        // Fail closed at start-up: an empty requirement would otherwise be satisfied by any token.
        if (list.Length == 0)
        {
            throw new ArgumentException("A scope requirement needs at least one scope; an empty one would let every token through.", nameof(scopes));
        }

        foreach (var scope in list)
        {
            if (scope is null || !ScopeToken.IsValid(scope))
            {
                throw new ArgumentException($"'{scope}' is not a valid OAuth scope token (RFC 6749 §3.3: printable ASCII, no spaces, quotes or backslashes).", nameof(scopes));
            }
        }

        Match = match;
        Scopes = list.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether every one of <see cref="Scopes"/> is needed or one is enough.</summary>
    public ScopeMatch Match { get; }

    /// <summary>The scopes, distinct, in declaration order: the 403 challenge's <c>scope</c>.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Exact, case-sensitive comparison: <c>read:messages</c> never matches <c>READ:MESSAGES</c>.</summary>
    public bool IsSatisfiedBy(IReadOnlySet<string> granted) => Match switch
    {
        ScopeMatch.All => Scopes.All(granted.Contains),
        ScopeMatch.Any => Scopes.Any(granted.Contains),
        _ => false,
    };

    // DenyAnonymous first, so a caller without a token is challenged (401), not forbidden. One array,
    // not an iterator: the authorization service matches requirements by instance.
    /// <summary>Deny anonymous, then this requirement: what the authorization middleware evaluates.</summary>
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => _requirements ??= [new DenyAnonymousAuthorizationRequirement(), this];

    private IAuthorizationRequirement[]? _requirements;

    /// <summary>For logs: <c>all of [a b]</c> or <c>any of [a b]</c>.</summary>
    public override string ToString() => $"{ScopeWords.MatchName(Match)} of [{string.Join(' ', Scopes)}]";
}
