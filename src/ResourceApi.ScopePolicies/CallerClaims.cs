using System;
using System.Security.Claims;

namespace ResourceApi.ScopePolicies;

/// <summary>Who is calling, read the same way whichever issuer minted the token.</summary>
public static class CallerClaims
{
    /// <summary>
    /// The OAuth client behind a client-credentials token: <c>client_id</c> (RFC 9068, Duende,
    /// OpenIddict, Keycloak), else <c>azp</c> (Auth0, Keycloak, Entra v2), else <c>appid</c> (Entra v1),
    /// else <c>sub</c> (Auth0 sets it to <c>{client_id}@clients</c>).
    /// </summary>
    public static string? GetClientId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst("client_id")?.Value
            ?? principal.FindFirst("azp")?.Value
            ?? principal.FindFirst("appid")?.Value
            ?? principal.FindFirst("sub")?.Value;
    }
}
