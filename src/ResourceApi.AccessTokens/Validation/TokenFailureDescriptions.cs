using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Plain-words reasons for a refused token, for the caller's <c>error_description</c> and the log.
/// They name the rule that failed, never the token or a value the caller did not send.
/// </summary>
internal static class TokenFailureDescriptions
{
    public static string Describe(Exception failure) => failure switch
    {
        AccessTokenRejectedException e => e.Message,
        DpopRejectedException e => e.Message,
        SecurityTokenExpiredException => "The token has expired; get a new one from the issuer.",
        SecurityTokenNotYetValidException => "The token is not valid yet (nbf is in the future); check the issuer's clock.",
        SecurityTokenNoExpirationException => "The token has no expiry (exp); this API only accepts tokens that expire.",
        SecurityTokenInvalidLifetimeException => "The token's lifetime is invalid (nbf is after exp).",
        SecurityTokenInvalidAudienceException => "The token was issued for a different audience (aud); request it with this API's audience.",
        SecurityTokenInvalidIssuerException => "The token was not issued by the issuer this API trusts (iss).",
        SecurityTokenInvalidTypeException => "The token's type (typ header) is not one this API accepts from its issuer (RFC 9068: at+jwt). If your issuer emits typ JWT (Auth0's default, Entra ID, Keycloak), set the Preset of that issuer's section under Authentication:Schemes, or list JWT in its ValidTypes.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm (alg) is not accepted; this API takes RS256, PS256 or ES256 (or their 384/512 variants).",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key (kid) that the issuer does not publish in its JWKS.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid or missing.",
        SecurityTokenInvalidSigningKeyException => "The token's signing key is not valid.",
        SecurityTokenMalformedException => "The token is not a well-formed JWT (header.payload.signature).",
        SecurityTokenReplayDetectedException => "The token has already been used.",
        SecurityTokenDecryptionFailedException => "The token is encrypted; this API only accepts signed JWTs.",
        ArgumentException => "The token is not a well-formed JWT (header.payload.signature).",
        SecurityTokenException => "The token could not be validated.",
        _ => "The token could not be validated.",
    };
}
