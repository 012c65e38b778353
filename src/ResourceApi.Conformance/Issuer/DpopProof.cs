using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ResourceApi.Conformance.Issuer;

/// <summary>
/// A DPoP proof (RFC 9449 §4.2) the client holding <see cref="KitKey"/> would send: valid for one request by
/// default, and each method bends one rule of §4.3.
/// </summary>
internal sealed class DpopProof
{
    private readonly Dictionary<string, object?> _header;
    private readonly Dictionary<string, object?> _payload;
    private Func<byte[], byte[]>? _sign;

    /// <param name="accessToken">The token the proof goes with: its hash is <c>ath</c>.</param>
    public DpopProof(KitKey holder, string method, string url, string accessToken, string? nonce)
    {
        _header = new() { ["typ"] = "dpop+jwt", ["alg"] = holder.Algorithm, ["jwk"] = holder.PublicJwk };
        _payload = new()
        {
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["htm"] = method,
            ["htu"] = url,
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["ath"] = Ath(accessToken),
            ["nonce"] = nonce,
        };
        _sign = holder.Sign;
    }

    public static string Ath(string accessToken) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    public DpopProof Claim(string name, object? value)
    {
        _payload[name] = value;
        return this;
    }

    public DpopProof Header(string name, object? value)
    {
        _header[name] = value;
        return this;
    }

    /// <summary>A proof by another key: a valid proof, but not by the key the token is bound to.</summary>
    public DpopProof By(KitKey other)
    {
        _header["alg"] = other.Algorithm;
        _header["jwk"] = other.PublicJwk;
        _sign = other.Sign;
        return this;
    }

    /// <summary>No signature, the header saying <c>none</c>.</summary>
    public DpopProof Unsigned()
    {
        _header["alg"] = "none";
        _sign = null;
        return this;
    }

    public string Build() => Jws.Write(_header, _payload, _sign);
}
