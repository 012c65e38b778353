using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ResourceApi.Client.Api;

/// <summary>The parameters of an RFC 6750 <c>WWW-Authenticate: Bearer</c> challenge: error, description, scope.</summary>
public sealed partial record BearerChallenge(string? Error, string? Description, string? Scope)
{
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>The response's Bearer challenge, or null when it has none.</summary>
    public static BearerChallenge? From(HttpResponseMessage response)
    {
        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return Parse(challenge);
            }
        }
        return null;
    }

    private static BearerChallenge Parse(AuthenticationHeaderValue challenge)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Parameter().Matches(challenge.Parameter ?? ""))
        {
            parameters[match.Groups["name"].Value] = match.Groups["quoted"].Success
                ? match.Groups["quoted"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
                : match.Groups["token"].Value;
        }
        return new BearerChallenge(parameters.GetValueOrDefault("error"), parameters.GetValueOrDefault("error_description"), parameters.GetValueOrDefault("scope"));
    }

    // name="quoted \"value\"" or name=token, separated by commas (RFC 9110 auth-param).
    [GeneratedRegex("""(?<name>[A-Za-z0-9_\-]+)\s*=\s*(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<token>[^\s,]+))""")]
    private static partial Regex Parameter();
}
