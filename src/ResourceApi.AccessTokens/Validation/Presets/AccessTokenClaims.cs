using System.Security.Claims;
using System.Text.Json;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Puts every validated token in one shape, whatever its issuer's dialect: the granted permissions
/// (from the scheme's <see cref="AccessTokenOptions.ScopeClaimTypes"/>) as one space-delimited
/// <c>scope</c> claim, and the calling client as <c>client_id</c>. Scope policies, <c>/api/me</c>,
/// <c>createdBy</c>, logs and metrics then read one claim each instead of knowing every issuer.
/// </summary>
public static class AccessTokenClaims
{
    public const string Scope = "scope";

    public const string ClientId = "client_id";

    /// <returns>Null when the token is an access token; otherwise why it is not one.</returns>
    internal static string? Normalize(ClaimsIdentity identity, AccessTokenOptions options)
    {
        if (IsNormal(identity, options))
        {
            return null;
        }

        var granted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in options.ScopeClaimTypes)
        {
            foreach (var value in Read(identity, type.Replace("{client}", options.ResourceClientId ?? "", StringComparison.Ordinal)))
            {
                foreach (var scope in value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    granted.Add(scope);
                }
            }
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

        // An ID token has the issuer's iss and can have this API's aud, but names no client that asked
        // for access and grants no permission (RFC 9068 section 2.2 requires client_id).
        return clientId is null && granted.Count == 0
            ? $"The token names no calling client ({string.Join(", ", options.ClientIdClaimTypes)}) and grants no permission, so it is not an access token (an ID token?); this API accepts access tokens only."
            : null;
    }

    // The common case, checked without allocating: an RFC 9068 token whose only permission claim is one
    // "scope" string already sorted, distinct and single-spaced, and whose client is named by one
    // "client_id" claim. Normalizing it would change nothing.
    private static bool IsNormal(ClaimsIdentity identity, AccessTokenOptions options)
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
        // A "scope" claim the scheme does not read would be removed; one it reads must already be canonical.
        return clientIds == 1 && (scope is null || (options.ScopeClaimTypes.Contains(Scope) && IsCanonical(scope)));
    }

    // Scope tokens (RFC 6749 section 3.3: printable ASCII, no space), each once, in ordinal order, one
    // space apart: exactly what the full normalization would write, which also trims other white space.
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
            if (token.Length == 0 || token.ContainsAnyExceptInRange('!', '~')
                || (previous.Length > 0 && previous.SequenceCompareTo(token) >= 0))
            {
                return false;
            }
            previous = token;
        }
        return true;
    }

    /// <summary>True when the principal carries what marks an access token once normalized: a client id or a granted scope.</summary>
    public static bool IsAccessToken(ClaimsPrincipal user) => user.HasClaim(c => c.Type is Scope or ClientId && c.Value.Length > 0);

    // A claim by name, each value of a JSON array being its own claim; else a path into a JSON object
    // claim ("resource_access.api.roles"), since Keycloak nests client roles there.
    private static IEnumerable<string> Read(ClaimsIdentity identity, string type)
    {
        var direct = identity.FindAll(type).Select(c => c.Value).ToArray();
        if (direct.Length > 0 || type.IndexOf('.', StringComparison.Ordinal) is var dot && dot <= 0)
        {
            return direct;
        }

        var path = type[(dot + 1)..].Split('.');
        var values = new List<string>();
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
                    values.Add(node.GetString()!);
                }
                else if (node.ValueKind == JsonValueKind.Array)
                {
                    values.AddRange(node.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                }
            }
            catch (JsonException)
            {
                // Not a JSON object claim: it grants nothing by path.
            }
        }
        return values;
    }
}
