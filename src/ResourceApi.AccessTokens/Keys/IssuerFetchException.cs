namespace ResourceApi.AccessTokens;

/// <summary>
/// One fetch of the issuer's discovery document or JWKS failed. The message is written here, in plain
/// words, from what this API observed; it never quotes the response body.
/// </summary>
internal sealed class IssuerFetchException(string message) : Exception(message);
