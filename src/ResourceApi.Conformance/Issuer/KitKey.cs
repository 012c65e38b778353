using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ResourceApi.Conformance.Issuer;

/// <summary>A real asymmetric key pair with its public JWK: one the kit's issuer publishes, or one an attacker holds.</summary>
internal sealed class KitKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private KitKey(string kid, string algorithm, AsymmetricAlgorithm key, Dictionary<string, object?> jwk)
    {
        Kid = kid;
        Algorithm = algorithm;
        _key = key;
        Jwk = jwk;
    }

    public string Kid { get; }

    public string Algorithm { get; }

    /// <summary>The public key as an RFC 7517 JWK, as a JWKS lists it.</summary>
    public IReadOnlyDictionary<string, object?> Jwk { get; }

    /// <summary>The public key's required members only, as a DPoP proof's <c>jwk</c> header carries it.</summary>
    public IReadOnlyDictionary<string, object?> PublicJwk => Jwk["kty"] as string == "EC"
        ? new Dictionary<string, object?> { ["kty"] = "EC", ["crv"] = Jwk["crv"], ["x"] = Jwk["x"], ["y"] = Jwk["y"] }
        : new Dictionary<string, object?> { ["kty"] = "RSA", ["n"] = Jwk["n"], ["e"] = Jwk["e"] };

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url): what <c>cnf.jkt</c> names.</summary>
    public string Thumbprint
    {
        get
        {
            // Required members only, in lexicographic order, no whitespace (RFC 7638 §3.2).
            var canonical = Jwk["kty"] as string == "EC"
                ? $"{{\"crv\":\"{Jwk["crv"]}\",\"kty\":\"EC\",\"x\":\"{Jwk["x"]}\",\"y\":\"{Jwk["y"]}\"}}"
                : $"{{\"e\":\"{Jwk["e"]}\",\"kty\":\"RSA\",\"n\":\"{Jwk["n"]}\"}}";
            return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }

    /// <summary>The public key as PEM text: what an attacker uses as an HMAC secret in the key-confusion attack.</summary>
    public byte[] PublicKeyPem => Encoding.ASCII.GetBytes(_key.ExportSubjectPublicKeyInfoPem());

    public static KitKey CreateRsa(string kid)
    {
        var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        return new KitKey(kid, "RS256", rsa, new()
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid, ["alg"] = "RS256",
            ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
        });
    }

    public static KitKey CreateEc(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(false);
        return new KitKey(kid, "ES256", ec, new()
        {
            ["kty"] = "EC", ["use"] = "sig", ["kid"] = kid, ["alg"] = "ES256", ["crv"] = "P-256",
            ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y),
        });
    }

    public byte[] Sign(byte[] data) => _key switch
    {
        RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        // JWS wants the raw r||s form (RFC 7518 §3.4).
        ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        _ => throw new InvalidOperationException($"No signature for a {_key.GetType().Name} key."),
    };

    /// <summary>A self-signed certificate for this key, base64 DER: what an <c>x5c</c> header or an <c>x5u</c> URL carries.</summary>
    public string SelfSignedCertificate()
    {
        var request = _key switch
        {
            RSA rsa => new CertificateRequest($"CN={Kid}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest($"CN={Kid}", ec, HashAlgorithmName.SHA256),
            _ => throw new InvalidOperationException($"No certificate for a {_key.GetType().Name} key."),
        };
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return Convert.ToBase64String(certificate.RawData);
    }

    public void Dispose() => _key.Dispose();
}
