using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.Testing;

/// <summary>
/// A calling service's DPoP key (P-256 unless told otherwise) and the proofs it signs (RFC 9449 §4.2): a valid proof
/// for a method, URL and access token by default, each method of <see cref="Builder"/> bending one rule.
/// </summary>
public sealed class DpopProof
{
    private readonly Func<byte[], byte[]> _sign;

    private DpopProof(string algorithm, Dictionary<string, object?> jwk, Dictionary<string, object?> privateMembers, Func<byte[], byte[]> sign)
    {
        Algorithm = algorithm;
        Jwk = jwk;
        PrivateMembers = privateMembers;
        _sign = sign;
        Thumbprint = ComputeThumbprint(jwk);
    }

    public string Algorithm { get; }

    /// <summary>The public JWK, as the proofs carry it.</summary>
    public IReadOnlyDictionary<string, object?> Jwk { get; }

    /// <summary>What the private JWK adds (<c>d</c>...), for the test that a proof must not carry it.</summary>
    public IReadOnlyDictionary<string, object?> PrivateMembers { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint, base64url: the <c>cnf.jkt</c> of tokens bound to this key.</summary>
    public string Thumbprint { get; }

    public static DpopProof CreateEc(string alg = "ES256")
    {
        var (curve, crv, hash) = alg switch
        {
            "ES384" => (ECCurve.NamedCurves.nistP384, "P-384", HashAlgorithmName.SHA384),
            "ES512" => (ECCurve.NamedCurves.nistP521, "P-521", HashAlgorithmName.SHA512),
            _ => (ECCurve.NamedCurves.nistP256, "P-256", HashAlgorithmName.SHA256),
        };
        var ec = ECDsa.Create(curve);
        var p = ec.ExportParameters(true);
        var jwk = new Dictionary<string, object?> { ["kty"] = "EC", ["crv"] = crv, ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
        return new DpopProof(alg, jwk, new() { ["d"] = Base64UrlEncoder.Encode(p.D) }, JwtWriter.Ecdsa(ec, hash));
    }

    public static DpopProof CreateRsa(string alg = "PS256", int bits = 2048)
    {
        var rsa = RSA.Create(bits);
        var p = rsa.ExportParameters(true);
        var jwk = new Dictionary<string, object?> { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        var padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        var hash = alg[^3..] switch { "384" => HashAlgorithmName.SHA384, "512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        return new DpopProof(alg, jwk, new() { ["d"] = Base64UrlEncoder.Encode(p.D) }, JwtWriter.Rsa(rsa, hash, padding));
    }

    /// <summary>A valid proof for <paramref name="method"/> <paramref name="url"/>, with <c>ath</c> for <paramref name="accessToken"/> when given.</summary>
    public Builder For(string method, string url, string? accessToken = null) => new(this, method, url, accessToken);

    /// <summary>The base64url SHA-256 of a token: a proof's <c>ath</c>.</summary>
    public static string HashOf(string accessToken) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    private static string ComputeThumbprint(Dictionary<string, object?> jwk)
    {
        // RFC 7638: the required members only, in lexicographic order, no whitespace.
        var members = jwk["kty"] as string == "EC" ? new[] { "crv", "kty", "x", "y" } : ["e", "kty", "n"];
        var json = "{" + string.Join(",", members.Select(m => $"\"{m}\":\"{jwk[m]}\"")) + "}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    public sealed class Builder
    {
        private readonly DpopProof _key;
        private readonly Dictionary<string, object?> _header;
        private readonly Dictionary<string, object?> _payload;
        private Func<byte[], byte[]>? _sign;

        internal Builder(DpopProof key, string method, string url, string? accessToken)
        {
            _key = key;
            _sign = key._sign;
            _header = new() { ["typ"] = "dpop+jwt", ["alg"] = key.Algorithm, ["jwk"] = new Dictionary<string, object?>(key.Jwk) };
            _payload = new()
            {
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["htm"] = method,
                ["htu"] = url,
                ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["ath"] = accessToken is null ? null : HashOf(accessToken),
            };
        }

        public Builder Header(string name, object? value)
        {
            _header[name] = value;
            return this;
        }

        public Builder Claim(string name, object? value)
        {
            _payload[name] = value;
            return this;
        }

        public Builder Without(string claim)
        {
            _payload.Remove(claim);
            return this;
        }

        public Builder IssuedAt(DateTimeOffset when) => Claim("iat", when.ToUnixTimeSeconds());

        public Builder Nonce(string? nonce) => Claim("nonce", nonce);

        /// <summary>The public JWK with the private members too: a key the caller has just given away.</summary>
        public Builder WithPrivateKeyInJwk() =>
            Header("jwk", new Dictionary<string, object?>(_key.Jwk.Concat(_key.PrivateMembers)));

        /// <summary>Signed by <paramref name="other"/> while carrying this key's jwk: a signature that does not verify.</summary>
        public Builder SignedBy(DpopProof other)
        {
            ArgumentNullException.ThrowIfNull(other);
            _sign = other._sign;
            return this;
        }

        public Builder Unsigned()
        {
            _header["alg"] = "none";
            _sign = null;
            return this;
        }

        public string Build() => JwtWriter.Write(_header, _payload, _sign);
    }
}
