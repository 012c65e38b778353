namespace ResourceApi.AccessTokens;

/// <summary>The request carries its token in a way RFC 6750 rules out (400 <c>invalid_request</c>).</summary>
public sealed class InvalidBearerRequestException(string description) : Exception(description);
