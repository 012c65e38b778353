using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Api;

/// <summary>
/// Puts the cached access token on every API request, as <c>Authorization: Bearer</c>, or as
/// <c>Authorization: DPoP</c> when it is bound to this client's key (the proof itself is added per
/// attempt, further in, by <see cref="Dpop.DpopProofHandler"/>). When the API refuses the token itself
/// (401 with <c>invalid_token</c>, e.g. its signing key was withdrawn or it was revoked), the token is
/// dropped and the call is sent once more with a new one, at most once per <c>RefusedTokenCooldown</c>
/// (see <see cref="AccessTokenCache.Invalidate"/>); a second refusal is the caller's to see. A 403
/// (<c>insufficient_scope</c>) is never retried: a new token would carry the same scopes.
/// </summary>
public sealed partial class AccessTokenHandler(AccessTokenCache tokens, ILogger<AccessTokenHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue(token.Type, token.Value);
        var response = await base.SendAsync(request, cancellationToken);

        if (!IsTokenRefused(response))
        {
            return response;
        }

        var reason = BearerChallenge.From(response)?.Description;
        if (!tokens.Invalidate(token))
        {
            LogRefusedAgain(logger, request.Method, request.RequestUri?.AbsolutePath, reason);
            return response;
        }

        LogRefused(logger, request.Method, request.RequestUri?.AbsolutePath, reason);
        response.Dispose();
        token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue(token.Type, token.Value);
        return await base.SendAsync(request, cancellationToken);
    }

    // RFC 6750 §3.1: invalid_token means this token, not the request, is at fault. A bare challenge on a
    // request that carried a token says the same in fewer words. A refused DPoP proof or a nonce demand
    // is about the proof, and a new token would not help.
    private static bool IsTokenRefused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        && BearerChallenge.From(response) is { } challenge
        && challenge.Error is null or BearerChallenge.InvalidToken;

    // The API's reason, never the token.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The API refused the access token on {Method} {Path} ({Reason}); getting a new one and retrying once.")]
    private static partial void LogRefused(ILogger logger, HttpMethod method, string? path, string? reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The API refused the access token on {Method} {Path} ({Reason}) again, inside RefusedTokenCooldown: not retried.")]
    private static partial void LogRefusedAgain(ILogger logger, HttpMethod method, string? path, string? reason);
}
