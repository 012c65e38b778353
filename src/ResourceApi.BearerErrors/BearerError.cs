using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace ResourceApi.BearerErrors;

/// <summary>
/// One RFC 6750 §3 outcome: the status, the <c>error</c> code (none when the request simply had no
/// token), a plain-words description and, for <c>insufficient_scope</c>, the scopes the endpoint needs.
/// Every refusal this API sends is built by one of the factories below and written by
/// <see cref="BearerErrorResponse"/>.
/// </summary>
public sealed record BearerError(int StatusCode, string? Code, string Title, string Description)
{
    /// <summary>The RFC 6750 authentication scheme.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The RFC 9449 authentication scheme of DPoP-bound tokens.</summary>
    public const string DpopScheme = "DPoP";

    /// <summary>
    /// The scheme whose challenge carries <see cref="Code"/>, the description and the scope: <see cref="BearerScheme"/>
    /// or <see cref="DpopScheme"/>, the one the caller used (or must use).
    /// </summary>
    public string Scheme { get; init; } = BearerScheme;

    /// <summary>
    /// When set, the response also offers the DPoP scheme (RFC 9449 §7.1), with these algorithms in its <c>algs</c>:
    /// beside the Bearer challenge, or as the only one when <see cref="Scheme"/> is <see cref="DpopScheme"/>.
    /// </summary>
    public IReadOnlyList<string>? DpopAlgorithms { get; init; }

    /// <summary>Sent as the <c>DPoP-Nonce</c> header when set (RFC 9449 §9): a server nonce for the caller's next proof.</summary>
    public string? DpopNonce { get; init; }

    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>With <see cref="RequiredScopes"/>: <c>all</c> when every one is needed, <c>any</c> when one is enough.</summary>
    public string RequiredScopesMatch { get; init; } = "all";

    /// <summary>
    /// Whether the response carries a <c>WWW-Authenticate: Bearer</c> challenge. False for outcomes a
    /// caller cannot fix by presenting another token (503, a 403 from a policy that is not about scopes).
    /// </summary>
    public bool SendsChallenge { get; init; } = true;

    /// <summary>Sent as <c>Retry-After</c> (whole seconds) when set.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static BearerError MissingToken() => new(
        StatusCodes.Status401Unauthorized, null, "Authentication required",
        "This endpoint needs an access token: send it as 'Authorization: Bearer <token>'.");

    public static BearerError InvalidToken(string description) => new(
        StatusCodes.Status401Unauthorized, "invalid_token", "Invalid access token", description);

    public static BearerError InvalidRequest(string description) => new(
        StatusCodes.Status400BadRequest, "invalid_request", "Invalid request", description);

    public static BearerError Forbidden(string description) => new(
        StatusCodes.Status403Forbidden, null, "Forbidden", description)
    {
        SendsChallenge = false,
    };

    /// <param name="description">Which scopes are missing, in plain words.</param>
    /// <param name="scopes">The scopes the endpoint needs, for the challenge's <c>scope</c>.</param>
    /// <param name="match"><c>all</c> or <c>any</c>: whether every one of <paramref name="scopes"/> is needed.</param>
    public static BearerError InsufficientScope(string description, IReadOnlyList<string> scopes, string match) => new(
        StatusCodes.Status403Forbidden, "insufficient_scope", "Insufficient scope", description)
    {
        RequiredScopes = scopes,
        RequiredScopesMatch = match,
    };

    /// <summary>
    /// The token could not be checked at all (the issuer's keys are out of reach): still a refusal, but
    /// 503, because a new token would fail the same way and a retry later may not.
    /// </summary>
    public static BearerError Unavailable(string description, TimeSpan retryAfter) => new(
        StatusCodes.Status503ServiceUnavailable, null, "Signing keys unavailable", description)
    {
        SendsChallenge = false,
        RetryAfter = retryAfter,
    };
}
