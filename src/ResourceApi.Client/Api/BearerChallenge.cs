using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ResourceApi.Client.Api;

/// <summary>The parameters of an RFC 6750 <c>WWW-Authenticate: Bearer</c> (or RFC 9449 <c>DPoP</c>) challenge: error, description, scope.</summary>
public sealed partial record BearerChallenge(string? Error, string? Description, string? Scope)
{
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>
    /// The response's challenge for the scheme the request used (<c>Bearer</c>, or <c>DPoP</c> with a
    /// DPoP-bound token: RFC 9449 §7.1 uses the same parameters), else its Bearer challenge, else null.
    /// </summary>
    public static BearerChallenge? From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var sent = response.RequestMessage?.Headers.Authorization?.Scheme ?? "Bearer";
        var challenges = response.Headers.WwwAuthenticate;
        var challenge = challenges.FirstOrDefault(c => string.Equals(c.Scheme, sent, StringComparison.OrdinalIgnoreCase))
            ?? challenges.FirstOrDefault(c => string.Equals(c.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase));
        return challenge is null ? null : Parse(challenge);
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
