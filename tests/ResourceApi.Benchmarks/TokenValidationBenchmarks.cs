using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.AccessTokens;

namespace ResourceApi.Benchmarks;

/// <summary>
/// The per-request cost of checking a bearer token: the framework's JsonWebTokenHandler alone, and
/// with this API's extra checks (alg allow-list, crit, NumericDate, iat). Keys are in memory, as they
/// are once the JWKS has been fetched, so the figures are CPU and allocations only.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private readonly JsonWebTokenHandler _framework = new() { MapInboundClaims = false };
    private readonly AccessTokenHandler _strict = new();
    private TokenValidationParameters _parameters = null!;

    [Params("RS256", "ES256")]
    public string Algorithm { get; set; } = "RS256";

    public string Token { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var issuer = new BenchmarkIssuer(Algorithm);
        Token = issuer.Mint("t");
        _parameters = issuer.Parameters;

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
