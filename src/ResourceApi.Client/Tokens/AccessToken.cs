namespace ResourceApi.Client.Tokens;

/// <summary>A token as the cache keeps it: the value, and when to stop handing it out.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ObtainedAt, DateTimeOffset? ExpiresAt, DateTimeOffset RenewAt);
