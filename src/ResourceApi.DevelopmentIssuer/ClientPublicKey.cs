using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// A client's public key from its PEM, as the JWK OpenIddict checks <c>private_key_jwt</c> assertions
/// with. Its <c>kid</c> is the RFC 7638 thumbprint, which a client can compute from its own key.
/// </summary>
internal static class ClientPublicKey
{
    public static JsonWebKey? TryRead(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return WithThumbprintKid(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))));
        }
        catch (ArgumentException)
        {
            // Not an RSA key: try EC below.
        }
        catch (CryptographicException)
        {
        }

        try
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return WithThumbprintKid(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false)))));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    private static JsonWebKey WithThumbprintKid(JsonWebKey key)
    {
        key.Use = JsonWebKeyUseNames.Sig;
        key.Kid = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
