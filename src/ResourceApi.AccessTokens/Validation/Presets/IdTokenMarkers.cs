using System.Text.Json;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Tells an ID token from an access token by what only ID tokens carry (OpenID Connect Core 1.0
/// sections 2 and 3.3.2.11; RFC 8725 section 3.11). Needed because accepting <c>typ: JWT</c>, as
/// Auth0, Entra ID and Keycloak require, removes the check RFC 9068 relies on; applied whatever the preset.
/// </summary>
internal static class IdTokenMarkers
{
    private static readonly string[] IdTokenOnlyClaims = ["nonce", "at_hash", "c_hash"];

    /// <returns>Why the payload is an ID token, or null when nothing marks it as one.</returns>
    public static string? Describe(JsonElement payload)
    {
        foreach (var claim in IdTokenOnlyClaims)
        {
            if (payload.TryGetProperty(claim, out _))
            {
                return $"The token is an ID token (it carries {claim}); this API accepts access tokens only.";
            }
        }

        // Keycloak states a token's kind in its payload: "Bearer" for access tokens, "ID" for ID tokens.
        if (payload.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
            && string.Equals(typ.GetString(), "ID", StringComparison.OrdinalIgnoreCase))
        {
            return "The token is an ID token (its typ claim says ID); this API accepts access tokens only.";
        }

        // Entra ID's optional idtyp claim says "app" or "user" on access tokens and nothing else.
        if (payload.TryGetProperty("idtyp", out var idtyp) && (idtyp.ValueKind != JsonValueKind.String || idtyp.GetString() is not ("app" or "user")))
        {
            return "The token is not an access token (its idtyp claim is neither app nor user); this API accepts access tokens only.";
        }

        return null;
    }
}
