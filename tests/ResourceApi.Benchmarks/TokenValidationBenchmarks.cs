using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.Authentication;

namespace ResourceApi.Benchmarks;

/// <summary>
/// The per-request cost of checking a bearer token: the framework's JsonWebTokenHandler alone, and
/// with this API's extra checks (alg allow-list, crit, NumericDate, iat). Keys are in memory, as they
/// are once the JWKS has been fetched, so the figures are CPU and allocations only.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private const string Issuer = "https://issuer.example/";
    private const string Audience = "https://resource-api.example";

    private readonly JsonWebTokenHandler _framework = new() { MapInboundClaims = false };
    private readonly AccessTokenHandler _strict = new();
    private TokenValidationParameters _parameters = null!;

    [Params("RS256", "ES256")]
    public string Algorithm { get; set; } = "RS256";

    public string Token { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        SecurityKey key = Algorithm == "ES256"
            ? new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec" }
            : new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa" };
        var signing = new SigningCredentials(key, Algorithm == "ES256" ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256);

        Token = _framework.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            TokenType = "at+jwt",
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = signing,
            Claims = new Dictionary<string, object> { ["client_id"] = "bench", ["sub"] = "bench", ["scope"] = "read:messages write:messages" },
        });

        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = StrictJwtBearerSetup.AllowedAlgorithms,
            ValidTypes = AccessTokenOptions.DefaultValidTypes,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = AccessTokenOptions.DefaultClockSkew,
        };

        if (!Validate(_strict).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark token does not validate; the figures would measure a failure path.");
        }
    }

    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler (framework)")]
    public Task<bool> Framework() => Validate(_framework);

    [Benchmark(Description = "AccessTokenHandler (this API's checks)")]
    public Task<bool> Strict() => Validate(_strict);

    private async Task<bool> Validate(JsonWebTokenHandler handler) => (await handler.ValidateTokenAsync(Token, _parameters)).IsValid;
}
