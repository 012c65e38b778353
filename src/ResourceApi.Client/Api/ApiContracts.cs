namespace ResourceApi.Client.Api;

// The API's JSON, as this client reads it. Copied, not referenced: a calling service depends on the
// API's contract, not on its code.

/// <summary>A stored message.</summary>
public sealed record Message(Guid Id, string Text, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>One page of messages, newest first.</summary>
public sealed record MessagePage(IReadOnlyList<Message> Items, int Page, int PageSize, int TotalCount);

/// <summary>This client as the API sees it (<c>GET /api/me</c>).</summary>
public sealed record Caller(string? ClientId, string? Subject, string? Issuer, IReadOnlyList<string> Audiences, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);
