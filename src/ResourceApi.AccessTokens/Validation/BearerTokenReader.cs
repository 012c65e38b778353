using System.Buffers;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Finds the access token in a request the way RFC 6750 §2.1 describes, and only that way: one
/// <c>Authorization: Bearer</c> header, or <c>Authorization: DPoP</c> (RFC 9449 §7.1; scheme names are
/// case-insensitive) where the scheme takes DPoP. Query-string tokens (§2.3) end up in logs and browser
/// history, so they are refused outright rather than silently ignored.
/// </summary>
internal static class BearerTokenReader
{
    /// <summary>The token and whether it came with the DPoP scheme.</summary>
    public readonly record struct Credentials(string Token, bool IsDpop);

    /// <returns>The token, or null when the request carries no bearer credentials.</returns>
    /// <exception cref="InvalidBearerRequestException">The request is malformed (400 invalid_request).</exception>
    /// <exception cref="AccessTokenRejectedException">The token is too large to be a token (401 invalid_token).</exception>
    public static string? Read(HttpRequest request) => ReadCredentials(request, acceptDpop: true)?.Token;

    /// <param name="request">The request.</param>
    /// <param name="acceptDpop">Whether <c>DPoP</c> counts as a token scheme; when not, it is another scheme, as Basic is.</param>
    public static Credentials? ReadCredentials(HttpRequest request, bool acceptDpop)
    {
        if (request.Query.ContainsKey("access_token"))
        {
            throw new InvalidBearerRequestException("Access tokens are not accepted in the query string; send the token in the Authorization header as 'Bearer <token>'.");
        }

        var headers = request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return null;
        }
        if (headers.Count > 1)
        {
            throw new InvalidBearerRequestException("The request has more than one Authorization header; send exactly one.");
        }

        var value = headers[0] ?? "";
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? value.Trim() : value[..space];

        // Another scheme (Basic, Digest...) is not ours to judge: answer as if no token came.
        var isDpop = acceptDpop && scheme.Equals(BearerErrors.BearerError.DpopScheme, StringComparison.OrdinalIgnoreCase);
        if (!isDpop && !scheme.Equals(BearerErrors.BearerError.BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = space < 0 ? "" : value[(space + 1)..].Trim(' ');
        if (token.Length == 0)
        {
            throw new InvalidBearerRequestException($"The Authorization header names the {(isDpop ? "DPoP" : "Bearer")} scheme but carries no token.");
        }
        if (token.Length > AccessTokenHandler.MaxTokenLength)
        {
            throw new AccessTokenRejectedException($"The token is longer than {AccessTokenHandler.MaxTokenLength / 1024} KB, which no access token this API accepts is.");
        }
        if (!IsB64Token(token))
        {
            throw new InvalidBearerRequestException("The bearer token has characters a token cannot contain (RFC 6750 section 2.1 b64token).");
        }

        return new Credentials(token, isDpop);
    }

    // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    private static readonly SearchValues<char> B64TokenCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    // Vectorized: every request's token passes through here, so it is checked many characters at a time.
    private static bool IsB64Token(string token)
    {
        var value = token.AsSpan().TrimEnd('=');
        return value.Length > 0 && !value.ContainsAnyExcept(B64TokenCharacters);
    }
}
