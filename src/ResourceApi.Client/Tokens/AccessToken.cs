namespace ResourceApi.Client.Tokens;

/// <summary>
/// A token as the cache keeps it: the value, its type (<c>Bearer</c>, or <c>DPoP</c> when bound to this
/// client's key, which is also the <c>Authorization</c> scheme it is sent with), and when to stop handing it out.
/// </summary>
public sealed record AccessToken(string Value, string Type, DateTimeOffset ObtainedAt, DateTimeOffset? ExpiresAt, DateTimeOffset RenewAt);
