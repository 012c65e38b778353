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
    /// one claim per element. Unauthenticated principals grant nothing.
    /// </summary>
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
                foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    scopes.Add(scope);
                }
            }
        }

        return scopes;
    }
}
