using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Puts every validated token in one shape, whatever its issuer's dialect: the granted permissions
/// (from the scheme's <see cref="AccessTokenOptions.ScopeClaimTypes"/>) as one space-delimited
/// <c>scope</c> claim, and the calling client (from the scheme's <see cref="AccessTokenOptions.ClientIdClaimTypes"/>,
/// which a token must name to be an access token) as <c>client_id</c>. Scope policies, <c>/api/me</c>,
/// <c>createdBy</c>, logs and metrics then read one claim each instead of knowing every issuer.
/// A granted scope is an exact RFC 6749 §3.3 scope-token: a string claim is split on the space character
/// (U+0020) alone, a JSON array element is one scope token, and anything holding another character
/// (a tab, a no-break space, a control character) grants nothing rather than being trimmed into a scope.
/// </summary>
public static class AccessTokenClaims
{
    /// <summary>The normalized claim of granted scopes, space-delimited: give it to the scope policies' <c>ClaimTypes</c>.</summary>
    public const string Scope = "scope";

    /// <summary>The normalized claim naming the calling client.</summary>
    public const string ClientId = "client_id";

    /// <summary>
    /// Rewrites <paramref name="identity"/>, the claims of <paramref name="token"/>, into the normal shape. Run by the
    /// token handler once per full validation, so the validated-token cache keeps the normalized claims. The token is
    /// needed because its handler gives a JSON array element and a string the same claim (value and value type).
    /// </summary>
    /// <returns>Null when the token is an access token; otherwise why it is not one.</returns>
    internal static string? Normalize(ClaimsIdentity identity, AccessTokenOptions options, JsonWebToken token)
    {
        if (IsNormal(identity, options, token))
        {
            return null;
        }

        var granted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in options.ScopeClaimTypes)
        {
            Collect(identity, token, type.Replace("{client}", options.ResourceClientId ?? "", StringComparison.Ordinal), granted);
        }

        var clientId = options.ClientIdClaimTypes.Select(type => identity.FindFirst(type)?.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));

        foreach (var claim in identity.FindAll(c => c.Type is Scope or ClientId).ToArray())
        {
            identity.RemoveClaim(claim);
        }
        if (granted.Count > 0)
        {
            identity.AddClaim(new Claim(Scope, string.Join(' ', granted)));
        }
        if (clientId is not null)
        {
            identity.AddClaim(new Claim(ClientId, clientId));
        }

        // RFC 9068 section 2.2 requires client_id: an access token names the client it was issued to. An ID token
        // has the issuer's iss and can have this API's aud, and even roles (an app whose roles are assigned to
        // users), but names no client; a granted permission alone does not make a token an access token.
        return clientId is null
            ? $"The token names no calling client (none of {string.Join(", ", options.ClientIdClaimTypes)}), so it is not an access token (an ID token?); this API accepts access tokens only."
            : null;
    }

    // The common case, checked without allocating: an RFC 9068 token whose only permission claim is one
    // "scope" string already sorted, distinct and single-spaced, and whose client is named by one
    // "client_id" claim. Normalizing it would change nothing.
    private static bool IsNormal(ClaimsIdentity identity, AccessTokenOptions options, JsonWebToken token)
    {
        if (options.ClientIdClaimTypes.Count == 0 || options.ClientIdClaimTypes[0] != ClientId)
        {
            return false;
        }
        foreach (var type in options.ScopeClaimTypes)
        {
            if (type != Scope && (type.Contains('.', StringComparison.Ordinal) || type.Contains('{', StringComparison.Ordinal)))
            {
                return false; // a path into a JSON claim, or a per-client template: only the full reading knows
            }
        }

        string? scope = null;
        var clientIds = 0;
        foreach (var claim in identity.Claims)
        {
            if (claim.Type == ClientId)
            {
                clientIds++;
                if (clientIds > 1 || claim.Value.Length == 0)
                {
                    return false;
                }
            }
            else if (claim.Type == Scope)
            {
                if (scope is not null)
                {
                    return false;
                }
                scope = claim.Value;
            }
            else if (options.ScopeClaimTypes.Contains(claim.Type))
            {
                return false;
            }
        }
        // A "scope" claim the scheme does not read would be removed; one it reads must already be canonical,
        // and hold several scopes only when it is a string: a JSON array element with a space is no scope.
        return clientIds == 1 && (scope is null || (options.ScopeClaimTypes.Contains(Scope) && IsCanonical(scope)
            && (!scope.Contains(' ', StringComparison.Ordinal) || IsJsonString(token, Scope))));
    }

    // Scope tokens (RFC 6749 section 3.3), each once, in ordinal order, one space apart: exactly what the
    // full normalization would write.
    private static bool IsCanonical(string scope)
    {
        if (scope.Length == 0)
        {
            return false;
        }
        var previous = ReadOnlySpan<char>.Empty;
        foreach (var range in scope.AsSpan().Split(' '))
        {
            var token = scope.AsSpan(range);
            if (!IsScopeToken(token) || (previous.Length > 0 && previous.SequenceCompareTo(token) >= 0))
            {
                return false;
            }
            previous = token;
        }
        return true;
    }

    /// <summary>True when the principal carries what marks an access token once normalized: the client it was issued to.</summary>
    public static bool IsAccessToken(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ClientId && c.Value.Length > 0);

    // RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
    private static bool IsScopeToken(ReadOnlySpan<char> value) =>
        value.Length > 0 && !value.ContainsAnyExceptInRange('!', '~') && !value.ContainsAny('"', '\\');

    // Whether the payload holds the claim as one JSON string (space-delimited scopes), not an array.
    private static bool IsJsonString(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<object>(type, out var raw) && raw is string;

    // A space-delimited string: split on U+0020 only; empty pieces (repeated spaces) are skipped, and a piece
    // holding any other character is no scope, never trimmed into one.
    private static void AddDelimited(string value, SortedSet<string> granted)
    {
        foreach (var range in value.AsSpan().Split(' '))
        {
            if (IsScopeToken(value.AsSpan(range)))
            {
                granted.Add(value[range]);
            }
        }
    }

    // A JSON array element is one scope token or none: never split.
    private static void AddElement(string value, SortedSet<string> granted)
    {
        if (IsScopeToken(value))
        {
            granted.Add(value);
        }
    }

    // The scopes in a claim by name, a string being space-delimited and a JSON array holding one scope per
    // element (the handler makes each element its own claim); else a path into a JSON object claim
    // ("resource_access.api.roles"), since Keycloak nests client roles there.
    private static void Collect(ClaimsIdentity identity, JsonWebToken token, string type, SortedSet<string> granted)
    {
        var direct = identity.FindAll(type).Select(c => c.Value).ToArray();
        if (direct.Length > 0 || type.IndexOf('.', StringComparison.Ordinal) is var dot && dot <= 0)
        {
            var delimited = IsJsonString(token, type);
            foreach (var value in direct)
            {
                if (delimited)
                {
                    AddDelimited(value, granted);
                }
                else
                {
                    AddElement(value, granted);
                }
            }
            return;
        }

        var path = type[(dot + 1)..].Split('.');
        foreach (var claim in identity.FindAll(type[..dot]))
        {
            try
            {
                using var json = JsonDocument.Parse(claim.Value);
                var node = json.RootElement;
                var found = true;
                foreach (var member in path)
                {
                    if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(member, out node))
                    {
                        found = false;
                        break;
                    }
                }
                if (!found)
                {
                    continue;
                }
                if (node.ValueKind == JsonValueKind.String)
                {
                    AddDelimited(node.GetString()!, granted);
                }
                else if (node.ValueKind == JsonValueKind.Array)
                {
                    foreach (var element in node.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String))
                    {
                        AddElement(element.GetString()!, granted);
                    }
                }
            }
            catch (JsonException)
            {
                // Not a JSON object claim: it grants nothing by path.
            }
        }
    }
}
