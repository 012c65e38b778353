using System;
using System.Collections.Generic;
using System.Security.Claims;

namespace ResourceApi.ScopePolicies;

/// <summary>Reads the scopes a validated token grants, from every shape issuers use.</summary>
public static class GrantedScopes
{
    /// <summary>
    /// The union of the scopes in <paramref name="claimTypes"/>. Handles a space-delimited string
    /// (<c>"read:messages write:messages"</c>) and a JSON array, which the token handler surfaces as
    /// one claim per element. Each value is split on the space character (U+0020) only, and a piece
    /// that is not an RFC 6749 §3.3 scope-token (printable ASCII but <c>"</c> and <c>\</c>) grants
    /// nothing: other white space is never trimmed away. Unauthenticated principals grant nothing.
    /// </summary>
    /// <remarks>
    /// The token handler gives a one-element JSON array and a string the same claim, so here an array
    /// element holding a space reads as several scopes. Behind ResourceApi.AccessTokens the one
    /// <c>scope</c> claim read here is already normalized, with such elements dropped.
    /// </remarks>
    public static IReadOnlySet<string> From(ClaimsPrincipal principal, IEnumerable<string> claimTypes)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var scopes = new HashSet<string>(StringComparer.Ordinal);

        if (principal.Identity?.IsAuthenticated != true)
        {
            return scopes;
        }

        foreach (var type in claimTypes)
        {
            foreach (var claim in principal.FindAll(type))
            {
                // Empty pieces (repeated spaces) are skipped: harmless. A piece with a tab, a no-break space
                // or a control character in it is not a scope, rather than a scope once trimmed.
                foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (ScopeToken.IsValid(scope))
                    {
                        scopes.Add(scope);
                    }
                }
            }
        }

        return scopes;
    }
}
