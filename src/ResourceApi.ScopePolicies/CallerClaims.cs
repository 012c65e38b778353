using System;
using System.Security.Claims;

namespace ResourceApi.ScopePolicies;

/// <summary>Who is calling, read the same way whichever issuer minted the token.</summary>
public static class CallerClaims
{
    /// <summary>
    /// The OAuth client behind a client-credentials token: its <c>client_id</c> claim (RFC 9068 section 2.2), and no
    /// other. Behind ResourceApi.AccessTokens every accepted token has exactly one, copied from whichever claim its
    /// issuer names the client by (<c>azp</c> for Auth0 and Entra ID v2, <c>appid</c> for Entra ID v1, ...); a token
    /// naming none is refused there. Without that layer, map your issuer's claim to <c>client_id</c> first: a guess
    /// from <c>sub</c> here could name a user as the client.
    /// </summary>
    public static string? GetClientId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst("client_id")?.Value;
    }
}
