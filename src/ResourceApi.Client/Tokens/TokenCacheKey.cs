namespace ResourceApi.Client.Tokens;

/// <summary>One cached token per issuer, client, audience and (sorted) scopes.</summary>
public sealed record TokenCacheKey(string Issuer, string ClientId, string Audience, string Scopes);
