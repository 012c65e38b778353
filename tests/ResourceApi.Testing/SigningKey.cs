using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.Testing;

/// <summary>A real asymmetric key pair with its JWK, as an issuer would publish it.</summary>
public sealed class SigningKey
{
    private readonly AsymmetricAlgorithm _key;

    private SigningKey(string kid, string alg, Func<byte[], byte[]> sign, Dictionary<string, object?> jwk, byte[] publicKeyPem, AsymmetricAlgorithm key)
    {
        Kid = kid;
        Algorithm = alg;
        Sign = sign;
        Jwk = jwk;
        PublicKeyPem = publicKeyPem;
        _key = key;
    }

    public string Kid { get; }

    public string Algorithm { get; }

    public Func<byte[], byte[]> Sign { get; }

    public IReadOnlyDictionary<string, object?> Jwk { get; }

    /// <summary>The public key as PEM bytes: what an attacker would use as an HMAC secret.</summary>
    public byte[] PublicKeyPem { get; }

    public static SigningKey CreateRsa(string kid, string alg = "RS256")
    {
        var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        var jwk = new Dictionary<string, object?>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid, ["alg"] = alg,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        return new SigningKey(kid, alg, JwtWriter.Rsa(rsa, Hash(alg), padding), jwk, System.Text.Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()), rsa);
    }

    public static SigningKey CreateEc(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(false);
        var jwk = new Dictionary<string, object?>
        {
            ["kty"] = "EC", ["use"] = "sig", ["kid"] = kid, ["alg"] = "ES256", ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
        return new SigningKey(kid, "ES256", JwtWriter.Ecdsa(ec, HashAlgorithmName.SHA256), jwk, System.Text.Encoding.ASCII.GetBytes(ec.ExportSubjectPublicKeyInfoPem()), ec);
    }

    /// <summary>
    /// The same key, its JWK also carrying <c>x5c</c>: a self-signed certificate for this key, valid from
    /// <paramref name="notBefore"/> to <paramref name="notAfter"/>, as Entra ID and ADFS publish theirs.
    /// </summary>
    public SigningKey WithCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = _key switch
        {
            RSA rsa => new CertificateRequest($"CN={Kid}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest($"CN={Kid}", ec, HashAlgorithmName.SHA256),
            _ => throw new InvalidOperationException($"No certificate for a {_key.GetType().Name} key."),
        };
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // x5c holds standard base64 DER (RFC 7517 section 4.7), not base64url.
        var jwk = new Dictionary<string, object?>(Jwk) { ["x5c"] = new[] { Convert.ToBase64String(certificate.RawData) } };
        return new SigningKey(Kid, Algorithm, Sign, jwk, PublicKeyPem, _key);
    }

    private static HashAlgorithmName Hash(string alg) => alg[^3..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };
}
