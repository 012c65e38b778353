namespace ResourceApi.Testing;

/// <summary>A valid access token by default; each method bends one rule.</summary>
public sealed class TokenBuilder
{
    private readonly Dictionary<string, object?> _header;
    private readonly Dictionary<string, object?> _payload;
    private Func<byte[], byte[]>? _sign;

    public TokenBuilder(string issuer, string audience, SigningKey key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _header = new() { ["alg"] = key.Algorithm, ["typ"] = "at+jwt", ["kid"] = key.Kid };
        _payload = new()
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = "test-client",
            ["client_id"] = "test-client",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["scope"] = "read:messages",
        };
        _sign = key.Sign;
    }

    public TokenBuilder Claim(string name, object? value)
    {
        _payload[name] = value;
        return this;
    }

    public TokenBuilder Scope(string? value) => Claim("scope", value);

    /// <summary>Binds the token to a DPoP key (RFC 9449 §6.1): <c>cnf: {"jkt": thumbprint}</c>.</summary>
    public TokenBuilder BoundTo(string thumbprint) => Claim("cnf", new Dictionary<string, object?> { ["jkt"] = thumbprint });

    /// <summary>Binds the token to <paramref name="key"/>'s thumbprint.</summary>
    public TokenBuilder BoundTo(DpopProof key) => BoundTo((key ?? throw new ArgumentNullException(nameof(key))).Thumbprint);

    public TokenBuilder Without(string claim)
    {
        _payload.Remove(claim);
        return this;
    }

    public TokenBuilder Header(string name, object? value)
    {
        _header[name] = value;
        return this;
    }

    /// <summary>Sets exp, keeping a five-minute lifetime so nbf and iat stay before it.</summary>
    public TokenBuilder ExpiresIn(TimeSpan fromNow)
    {
        var exp = DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds();
        var start = Math.Min(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), exp - 300);
        return Claim("exp", exp).Claim("nbf", start).Claim("iat", start);
    }

    public TokenBuilder SignedWith(SigningKey key)
    {
        _header["alg"] = key.Algorithm;
        _header["kid"] = key.Kid;
        _sign = key.Sign;
        return this;
    }

    /// <summary>alg "none" and an empty signature (RFC 7519 §6 unsecured JWT).</summary>
    public TokenBuilder Unsigned()
    {
        _header["alg"] = "none";
        _sign = null;
        return this;
    }

    /// <summary>The classic key-confusion attack: HS256 keyed with the issuer's public RSA key.</summary>
    public TokenBuilder HmacWithPublicKey(SigningKey key)
    {
        _header["alg"] = "HS256";
        _header["kid"] = key.Kid;
        _sign = JwtWriter.Hmac(key.PublicKeyPem);
        return this;
    }

    /// <summary>A valid signature over different content than the token carries.</summary>
    public TokenBuilder TamperedAfterSigning()
    {
        _tamper = true;
        return this;
    }

    private bool _tamper;

    public string Build()
    {
        var token = JwtWriter.Write(_header, _payload, _sign);
        if (!_tamper)
        {
            return token;
        }

        var parts = token.Split('.');
        var forged = new Dictionary<string, object?>(_payload) { ["scope"] = "read:messages write:messages delete:messages" };
        parts[1] = JwtWriter.Write(_header, forged, null).Split('.')[1];
        return string.Join('.', parts);
    }
}
