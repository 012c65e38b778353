namespace ResourceApi.Authorization;

/// <summary>
/// One RFC 6750 §3 outcome: the status, the <c>error</c> code (none when the request simply had no
/// token), a plain-words description and, for <c>insufficient_scope</c>, the scopes the endpoint needs.
/// </summary>
public sealed record BearerError(int StatusCode, string? Code, string Title, string Description)
{
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    public ScopeMatch? ScopeMatch { get; init; }

    /// <summary>False for outcomes that are not the caller's to fix by authenticating (503, a non-scope 403).</summary>
    public bool Challenge { get; init; } = true;

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
        Challenge = false,
    };

    public static BearerError InsufficientScope(ScopeMatch match, IReadOnlyList<string> scopes) => new(
        StatusCodes.Status403Forbidden, "insufficient_scope", "Insufficient scope",
        match == Authorization.ScopeMatch.All || scopes.Count == 1
            ? $"The access token lacks a scope this endpoint needs: {string.Join(' ', scopes)}."
            : $"The access token needs at least one of these scopes: {string.Join(' ', scopes)}.")
    {
        RequiredScopes = scopes,
        ScopeMatch = match,
    };
}
