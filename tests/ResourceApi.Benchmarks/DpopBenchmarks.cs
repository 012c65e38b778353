using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.AccessTokens;

namespace ResourceApi.Benchmarks;

/// <summary>
/// What DPoP adds to a request whose token is already in the validated-token cache: the same cached token as
/// Bearer (the baseline), and as DPoP with a fresh proof (signature, htm, htu, iat, ath, cnf.jkt, replay cache).
/// Every proof is used once, as in real traffic: each iteration runs through a pool of pre-made proofs with an
/// empty replay cache.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Pool)]
public class DpopBenchmarks
{
    private const int Pool = 4096;
    private static readonly Uri Url = new("https://resource-api.example/api/messages");

    private CachingTokenHandler _cached = null!;
    private TokenValidationParameters _parameters = null!;
    private DpopProofValidator _validator = null!;
    private string _token = "";
    private string _thumbprint = "";
    private string[] _proofs = [];
    private int _next;

    [Params("ES256", "PS256")]
    public string ProofAlgorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        var issuer = new BenchmarkIssuer("RS256");
        _parameters = issuer.Parameters;
        _token = issuer.Mint("dpop-bound");
        _cached = new CachingTokenHandler(new AccessTokenHandler(), new ValidatedTokenCache(TokenCacheOptions.DefaultMaxEntries, TimeProvider.System));
        for (var i = 0; i < 3; i++)
        {
            _ = _cached.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult();
        }

        var (jwk, sign) = CreateKey(ProofAlgorithm);
        _thumbprint = Base64UrlEncoder.Encode(new JsonWebKey(JsonSerializer.Serialize(jwk)).ComputeJwkThumbprint());
        var ath = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(_token)));
        _proofs = [.. Enumerable.Range(0, Pool).Select(i => Proof(jwk, sign, ath, i))];

        IterationSetup();
        if (_cached.Cache.Hits == 0 || !Dpop().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark would not measure cache hits with valid proofs.");
        }
    }

    // Each iteration starts over with an empty replay cache, so each pre-made proof is new again.
    [IterationSetup]
    public void IterationSetup()
    {
        // An hour's ProofMaxAge so the pool made at setup stays valid however long the run takes; the cost does not depend on it.
        _validator = new DpopProofValidator(new DpopOptions { ProofMaxAge = DpopOptions.MaxProofMaxAge }, new MemoryDpopReplayCache(Pool * 2, TimeProvider.System));
        _next = 0;
    }

    [Benchmark(Baseline = true, Description = "Bearer: cached token")]
    public async Task<bool> Bearer() => (await _cached.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark(Description = "DPoP: cached token + fresh proof")]
    public async Task<bool> Dpop()
    {
        var token = await _cached.ValidateTokenAsync(_token, _parameters);
        var proof = await _validator.ValidateAsync(new DpopProofRequest(_proofs[_next++ % Pool], "GET", Url) { AccessToken = _token, ExpectedThumbprint = _thumbprint });
        return token.IsValid && proof.IsValid;
    }

    private static (Dictionary<string, string> Jwk, Func<byte[], byte[]> Sign) CreateKey(string algorithm)
    {
        if (algorithm == "ES256")
        {
            var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = ec.ExportParameters(false);
            return (new() { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) },
                data => ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
        var rsa = RSA.Create(2048);
        var r = rsa.ExportParameters(false);
        return (new() { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(r.Modulus), ["e"] = Base64UrlEncoder.Encode(r.Exponent) },
            data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    private string Proof(Dictionary<string, string> jwk, Func<byte[], byte[]> sign, string ath, int n)
    {
        var header = new Dictionary<string, object> { ["typ"] = "dpop+jwt", ["alg"] = ProofAlgorithm, ["jwk"] = jwk };
        var payload = new Dictionary<string, object>
        {
            ["jti"] = $"proof-{n}-{Guid.NewGuid():N}", ["htm"] = "GET", ["htu"] = Url.ToString(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["ath"] = ath,
        };
        var input = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        return input + "." + Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(input)));
    }
}
