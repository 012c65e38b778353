using System.Security.Cryptography;

namespace ResourceApi.Conformance.Issuer;

/// <summary>
/// A compact JWS written byte by byte: a valid RFC 9068 access token by default, and each method bends one rule,
/// so the kit can send the malformed and malicious tokens a token library refuses to make.
/// </summary>
internal sealed class KitToken
{
    private readonly Dictionary<string, object?> _header;
    private readonly Dictionary<string, object?> _payload;
    private Func<byte[], byte[]>? _sign;
    private bool _tamper;

    public KitToken(string issuer, string audience, KitKey key, string? scope)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _header = new() { ["alg"] = key.Algorithm, ["typ"] = "at+jwt", ["kid"] = key.Kid };
        _payload = new()
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = "conformance-kit",
            ["client_id"] = "conformance-kit",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["scope"] = scope,
        };
        _sign = key.Sign;
    }

    public KitToken Claim(string name, object? value)
    {
        _payload[name] = value;
        return this;
    }

    public KitToken Without(string claim)
    {
        _payload.Remove(claim);
        return this;
    }

    public KitToken Header(string name, object? value)
    {
        _header[name] = value;
        return this;
    }

    public KitToken WithoutHeader(string name)
    {
        _header.Remove(name);
        return this;
    }

    /// <summary>Moves every time claim by <paramref name="offset"/>, keeping the five-minute lifetime.</summary>
    public KitToken Shifted(TimeSpan offset)
    {
        var start = DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds();
        return Claim("iat", start).Claim("nbf", start).Claim("exp", start + 300);
    }

    /// <summary>Signed by <paramref name="key"/>, whose alg the header takes; the kid stays as set unless <paramref name="kid"/> is given.</summary>
    public KitToken SignedWith(KitKey key, string? kid = null)
    {
        _header["alg"] = key.Algorithm;
        _header["kid"] = kid ?? key.Kid;
        _sign = key.Sign;
        return this;
    }

    /// <summary>An HMAC-SHA256 signature keyed with <paramref name="secret"/>; the header says <c>HS256</c>.</summary>
    public KitToken Hmac(byte[] secret)
    {
        _header["alg"] = "HS256";
        _sign = data => HMACSHA256.HashData(secret, data);
        return this;
    }

    /// <summary>No signature at all, the header naming <paramref name="alg"/> (RFC 7519 §6 unsecured JWT when "none").</summary>
    public KitToken Unsigned(string alg = "none")
    {
        _header["alg"] = alg;
        _sign = null;
        return this;
    }

    /// <summary>A valid signature over a payload other than the one the token carries (more scopes).</summary>
    public KitToken TamperedAfterSigning()
    {
        _tamper = true;
        return this;
    }

    /// <summary>Binds the token to <paramref name="holder"/>'s key (RFC 9449 §6.1): <c>cnf.jkt</c> is its thumbprint.</summary>
    public KitToken BoundTo(KitKey holder) => Claim("cnf", new Dictionary<string, string> { ["jkt"] = holder.Thumbprint });

    public string Build()
    {
        var token = Jws.Write(_header, _payload, _sign);
        if (!_tamper)
        {
            return token;
        }
        var forged = new Dictionary<string, object?>(_payload) { ["scope"] = $"{_payload["scope"]} admin:everything" };
        return Jws.SigningInput(_header, forged) + token[token.LastIndexOf('.')..];
    }

    public override string ToString() => Build();
}
