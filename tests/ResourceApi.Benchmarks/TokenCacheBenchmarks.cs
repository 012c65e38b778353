using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.AccessTokens;

namespace ResourceApi.Benchmarks;

/// <summary>
/// The validated-token cache in front of this API's handler: a hit (the same token again), a miss (a token
/// not seen before: validated in full and only marked as seen), the handler without a cache, and
/// the hit's parts (hashing the token; building the per-request claims copy).
/// </summary>
[MemoryDiagnoser]
public class TokenCacheBenchmarks
{
    // Far more tokens than the cache's seen-once table (1024 slots for 256 entries): a rotated token's mark
    // is almost always overwritten before it comes round again, so nearly every one is a first sighting.
    private const int Pool = 8192;
    private const int CacheSize = 256;

    private readonly AccessTokenHandler _uncached = new();
    private CachingTokenHandler _hitHandler = null!;
    private CachingTokenHandler _missHandler = null!;
    private TokenValidationParameters _parameters = null!;
    private string[] _pool = [];
    private int _next;
    private CachedValidation _entry = null!;

    [Params("RS256", "ES256")]
    public string Algorithm { get; set; } = "RS256";

    public string Token { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var issuer = new BenchmarkIssuer(Algorithm);
        Token = issuer.Mint("t-1");
        _pool = [.. Enumerable.Range(0, Pool).Select(n => issuer.Mint($"t{n}"))];
        _parameters = issuer.Parameters;
        _hitHandler = new CachingTokenHandler(new AccessTokenHandler(), new ValidatedTokenCache(TokenCacheOptions.DefaultMaxEntries, TimeProvider.System));
        _missHandler = new CachingTokenHandler(new AccessTokenHandler(), new ValidatedTokenCache(CacheSize, TimeProvider.System));

        // The second success of a token admits it.
        var first = _hitHandler.ValidateTokenAsync(Token, _parameters).GetAwaiter().GetResult();
        _ = _hitHandler.ValidateTokenAsync(Token, _parameters).GetAwaiter().GetResult();
        _entry = CachedValidation.From(first, 0) ?? throw new InvalidOperationException("The benchmark token cannot be cached.");
        if (!first.IsValid || _hitHandler.Cache.Count != 1 || !Hit().GetAwaiter().GetResult() || _hitHandler.Cache.Hits != 1)
        {
            throw new InvalidOperationException("The hit benchmark would not measure hits.");
        }
    }

    [Benchmark(Baseline = true, Description = "No cache (AccessTokenHandler)")]
    public async Task<bool> NoCache() => (await _uncached.ValidateTokenAsync(Token, _parameters)).IsValid;

    [Benchmark(Description = "Cache hit (same token)")]
    public async Task<bool> Hit() => (await _hitHandler.ValidateTokenAsync(Token, _parameters)).IsValid;

    [Benchmark(Description = "Cache miss (new token, marked as seen)")]
    public async Task<bool> Miss()
    {
        var token = _pool[_next++ % Pool];
        return (await _missHandler.ValidateTokenAsync(token, _parameters)).IsValid;
    }

    [Benchmark(Description = "Hit part: SHA-256 of the token")]
    public int HashOnly() => TokenHash.Of(Token).GetHashCode();

    [Benchmark(Description = "Hit part: claims copy for the request")]
    public TokenValidationResult ResultOnly() => _entry.ToResult();
}
