namespace ResourceApi.AccessTokens;

/// <summary>The request's token and the scheme it came with, kept for the DPoP check after the token is validated.</summary>
internal sealed record PresentedToken(string Token, bool IsDpop);
