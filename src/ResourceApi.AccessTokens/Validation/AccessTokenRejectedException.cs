using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>A token refused by one of this API's own checks; the message is safe to send to the caller.</summary>
public sealed class AccessTokenRejectedException(string description) : SecurityTokenValidationException(description);
