using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The framework's JWT handler plus the checks it leaves out: unknown <c>crit</c> headers
/// (RFC 7515 §4.1.11), time claims that are not numbers (RFC 7519 NumericDate), an <c>iat</c>
/// in the future and an <c>exp</c> further ahead than <see cref="AccessTokenOptions.MaxTokenLifetime"/>; then the claims of a valid token put in one shape (<see cref="AccessTokenClaims"/>),
/// so a validated-token cache in front of it keeps them normalized.
/// </summary>
internal sealed class AccessTokenHandler : JsonWebTokenHandler
{
    // Well above any real access token, far below what would make parsing costly.
    public const int MaxTokenLength = 16 * 1024;

    private static readonly string[] TimeClaims = ["exp", "nbf", "iat"];

    private const string AlgorithmRejected =
        "The token's signing algorithm (alg) is not accepted; this API takes RS256, PS256 or ES256 (or their 384/512 variants), never none or HMAC.";

    private readonly AccessTokenOptions _options;
    private readonly SigningKeySource? _keys;

    /// <param name="options">The scheme's settings; the defaults when none are given.</param>
    /// <param name="keys">The scheme's key set: a token naming a key it has not seen gets one (rate-limited) refresh.</param>
    public AccessTokenHandler(AccessTokenOptions? options = null, SigningKeySource? keys = null)
    {
        _options = options ?? new AccessTokenOptions();
        _keys = keys;
        MapInboundClaims = false;
        MaximumTokenSizeInBytes = MaxTokenLength;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (CheckStructure(token, out var kid) is { } structural)
        {
            return Reject(structural);
        }

        // A key the issuer has just published: fetch the set once (at most once per RefreshInterval
        // for all such tokens), so the token's first request passes instead of its second.
        if (_keys is not null && kid is not null && !SigningKeyMatch.Contains(validationParameters.IssuerSigningKeys, kid)
            && await _keys.RefreshForUnknownKeyAsync(CancellationToken.None) is { } refreshed
            && SigningKeyMatch.Contains(refreshed.SigningKeys, kid))
        {
            validationParameters = validationParameters.Clone();
            validationParameters.IssuerSigningKeys = refreshed.SigningKeys;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return result;
        }

        // Only a signed, otherwise valid token gets here: a future iat means a clock or an issuer is wrong.
        if (jwt.IssuedAt != DateTime.MinValue && jwt.IssuedAt > DateTime.UtcNow + validationParameters.ClockSkew)
        {
            return Reject("The token's issued-at time (iat) is in the future; check the issuer's clock.");
        }

        // Measured from now rather than from iat: the bound is on how long this token can still be used (replayed
        // if it leaked, served from the validated-token cache), which is exp - now whenever it was issued; iat is
        // optional, and written by the same issuer as exp. ValidTo is DateTime.MaxValue for an exp past the year
        // 9999, so the subtraction cannot overflow, and the library's clock is the one it checked exp with.
        if (jwt.ValidTo - DateTime.UtcNow > _options.MaxTokenLifetime + validationParameters.ClockSkew)
        {
            return Reject($"The token expires too far in the future: this API accepts tokens that expire within {InWords(_options.MaxTokenLifetime)} "
                + "(its MaxTokenLifetime setting). Ask the issuer for a shorter-lived token.");
        }

        if (AccessTokenClaims.Normalize(result.ClaimsIdentity, _options, jwt) is { } notAnAccessToken)
        {
            return Reject(notAnAccessToken);
        }

        return result;
    }

    // Reads header and payload as plain JSON so the rules do not depend on how leniently the token
    // library converts values. Anything unreadable is left to the library to report as malformed.
    private static string? CheckStructure(string token, out string? kid)
    {
        kid = null;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        // One token, one spelling (RFC 7515 §2): base64url without padding, and no spare bits set in a
        // part's last character. Decoders ignore both, so a token with "==" appended or its last character
        // changed would otherwise decode to the same bytes and pass.
        if (!parts.All(IsCanonicalBase64Url))
        {
            return "The token is not a well-formed JWT (its base64url encoding is not canonical).";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // Checked before any key is looked up, so "none" and HMAC never reach signature code.
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || !JwtBearerSchemeSetup.AllowedAlgorithms.Contains(alg.GetString()))
            {
                return AlgorithmRejected;
            }

            if (header.RootElement.TryGetProperty("kid", out var kidValue) && kidValue.ValueKind == JsonValueKind.String)
            {
                kid = kidValue.GetString();
            }

            if (header.RootElement.TryGetProperty("crit", out _))
            {
                return "The token has a critical header (crit) this API does not understand (RFC 7515 section 4.1.11).";
            }

            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "The token's payload is not a JSON object.";
            }

            if (!payload.RootElement.TryGetProperty("exp", out _))
            {
                return "The token has no expiry (exp); this API only accepts tokens that expire.";
            }

            if (IdTokenMarkers.Describe(payload.RootElement) is { } idToken)
            {
                return idToken;
            }

            foreach (var name in TimeClaims)
            {
                if (payload.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Number)
                {
                    return $"The token's {name} claim is not a number of seconds since 1970 (RFC 7519 NumericDate).";
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return null;
        }

        return null;
    }

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly System.Buffers.SearchValues<char> Base64UrlChars = System.Buffers.SearchValues.Create(Base64UrlAlphabet);

    internal static bool IsCanonicalBase64Url(string part)
    {
        if (part.Length == 0)
        {
            return true;
        }
        if (part.AsSpan().ContainsAnyExcept(Base64UrlChars))
        {
            return false;
        }
        var last = Base64UrlAlphabet.IndexOf(part[^1], StringComparison.Ordinal);
        return (part.Length % 4) switch
        {
            1 => false,
            2 => last >= 0 && (last & 0b1111) == 0,
            3 => last >= 0 && (last & 0b11) == 0,
            _ => true,
        };
    }

    private static string InWords(TimeSpan lifetime) => lifetime switch
    {
        { TotalHours: 1 } => "1 hour",
        _ when lifetime.Ticks % TimeSpan.TicksPerHour == 0 => $"{lifetime.TotalHours:0} hours",
        _ when lifetime.Ticks % TimeSpan.TicksPerMinute == 0 => $"{lifetime.TotalMinutes:0} minutes",
        _ => $"{lifetime:c}",
    };

    private static TokenValidationResult Reject(string description) => new()
    {
        IsValid = false,
        Exception = new AccessTokenRejectedException(description),
    };
}
