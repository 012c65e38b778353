using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.AccessTokens;

namespace ResourceApi.Benchmarks;

/// <summary>
/// A signing key of the given algorithm, access tokens it signs, and the validation parameters this API
/// would use for them (keys already fetched), so every validation benchmark measures the same token shape.
/// </summary>
internal sealed class BenchmarkIssuer
{
    private const string Issuer = "https://issuer.example/";
    private const string Audience = "https://resource-api.example";

    private readonly JsonWebTokenHandler _writer = new();
    private readonly SigningCredentials _signing;

    public BenchmarkIssuer(string algorithm)
    {
        Key = algorithm == "ES256"
            ? new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec" }
            : new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa" };
        _signing = new SigningCredentials(Key, algorithm == "ES256" ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256);
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = [Key],
            ValidAlgorithms = JwtBearerSchemeSetup.AllowedAlgorithms,
            ValidTypes = AccessTokenOptions.DefaultValidTypes,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = AccessTokenOptions.DefaultClockSkew,
        };
    }

    public SecurityKey Key { get; }

    public TokenValidationParameters Parameters { get; }

    /// <summary>An RFC 9068 access token valid for an hour; <paramref name="jti"/> makes each one distinct.</summary>
    public string Mint(string jti) => _writer.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        TokenType = "at+jwt",
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = _signing,
        Claims = new Dictionary<string, object> { ["client_id"] = "bench", ["sub"] = "bench", ["jti"] = jti, ["scope"] = "read:messages write:messages" },
    });
}
