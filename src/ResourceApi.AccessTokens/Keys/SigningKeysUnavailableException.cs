namespace ResourceApi.AccessTokens;

/// <summary>The issuer's discovery document or JWKS could not be fetched, so no token can be checked.</summary>
public sealed class SigningKeysUnavailableException(string detail, Exception? inner = null) : Exception(detail, inner);
