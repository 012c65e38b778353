using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>A refusal's reason as a short fixed word, for metric tags and the periodic summary.</summary>
internal static class RefusalReasons
{
    public static string Of(Exception? failure) => failure switch
    {
        null => "missing_token",
        InvalidBearerRequestException => "invalid_request",
        DpopRejectedException e => e.Reason,
        SigningKeysUnavailableException => "keys_unavailable",
        AccessTokenRejectedException => "rejected_by_policy",
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not_yet_valid",
        SecurityTokenNoExpirationException => "no_expiry",
        SecurityTokenInvalidLifetimeException => "invalid_lifetime",
        SecurityTokenInvalidAudienceException => "wrong_audience",
        SecurityTokenInvalidIssuerException => "wrong_issuer",
        SecurityTokenInvalidTypeException => "wrong_type",
        SecurityTokenInvalidAlgorithmException => "bad_algorithm",
        SecurityTokenSignatureKeyNotFoundException => "unknown_kid",
        SecurityTokenInvalidSignatureException => "bad_signature",
        SecurityTokenMalformedException or ArgumentException => "malformed",
        _ => "other",
    };
}
