using ResourceApi.Testing;

namespace ResourceApi.LoadBenchmark;

/// <summary>
/// The shared loopback issuer with one RS256 and one ES256 key, and the RFC 9068 access tokens the load
/// cases send: valid for the whole run, granting every scope the messages endpoints need.
/// </summary>
internal sealed class BenchmarkTokens(LoopbackIssuer issuer, SigningKey rsa, SigningKey ec)
{
    private const string ClientId = "load-benchmark";
    private const string AllScopes = "read:messages write:messages";

    public LoopbackIssuer Issuer { get; } = issuer;

    public static async Task<BenchmarkTokens> StartIssuerAsync()
    {
        var rsa = SigningKey.CreateRsa("bench-rs256");
        var ec = SigningKey.CreateEc("bench-es256");
        return new BenchmarkTokens(await LoopbackIssuer.StartAsync([rsa, ec]), rsa, ec);
    }

    public string Rs256() => Valid(rsa);

    public string Es256() => Valid(ec);

    /// <summary>An ES256 token bound to <paramref name="key"/> (<c>cnf.jkt</c>): usable only with that key's DPoP proofs.</summary>
    public string BoundEs256(DpopProof key) => Issuer.Token(ec).Scope(AllScopes)
        .Claim("client_id", ClientId).Claim("sub", ClientId).ExpiresIn(TimeSpan.FromHours(2)).BoundTo(key).Build();

    /// <summary>Well formed, published kid, right claims, wrong key: refused on the signature check.</summary>
    public string InvalidSignature() => Valid(SigningKey.CreateRsa(rsa.Kid));

    /// <summary>Distinct RS256 tokens (each its own jti), signed on every core.</summary>
    public string[] ManyRs256(int count)
    {
        var tokens = new string[count];
        Parallel.For(0, count, i => tokens[i] = Rs256());
        return tokens;
    }

    private string Valid(SigningKey key) => Issuer.Token(key).Scope(AllScopes)
        .Claim("client_id", ClientId).Claim("sub", ClientId).ExpiresIn(TimeSpan.FromHours(2)).Build();
}
