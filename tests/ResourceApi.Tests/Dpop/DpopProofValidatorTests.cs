using Microsoft.Extensions.Time.Testing;
using ResourceApi.AccessTokens;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// The proof validator alone, as a token endpoint uses it (no HttpContext): one failing input per rule of
/// RFC 9449 §4.3, each refused with invalid_dpop_proof and the rule in words; and what a valid proof gives.
/// </summary>
public sealed class DpopProofValidatorTests
{
    private const string Url = "https://api.example/api/messages";
    private const string AccessToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    private static readonly DpopProof Key = DpopProof.CreateEc();

    private static DpopProofValidator Validator(DpopOptions? options = null, TimeProvider? time = null) =>
        new(options ?? new DpopOptions(), new MemoryDpopReplayCache(1000, time ?? TimeProvider.System), time);

    private static DpopProofRequest Request(string proof, string method = "GET", string url = Url) =>
        new(proof, method, new Uri(url)) { AccessToken = AccessToken, ExpectedThumbprint = Key.Thumbprint };

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    [InlineData("PS256")]
    [InlineData("RS256")]
    public async Task A_valid_proof_gives_the_RFC_7638_thumbprint_of_its_key(string alg)
    {
        var key = alg.StartsWith("ES", StringComparison.Ordinal) ? DpopProof.CreateEc(alg) : DpopProof.CreateRsa(alg);
        var proof = key.For("GET", Url, AccessToken).Build();

        var result = await Validator().ValidateAsync(new DpopProofRequest(proof, "GET", new Uri(Url)) { AccessToken = AccessToken, ExpectedThumbprint = key.Thumbprint });

        result.IsValid.Should().BeTrue(result.Description);
        result.Thumbprint.Should().Be(key.Thumbprint);
        result.Reason.Should().Be("valid");
    }

    [Fact]
    public async Task At_a_token_endpoint_a_proof_without_ath_and_without_a_bound_key_is_valid()
    {
        var proof = Key.For("POST", "https://issuer.example/connect/token").Build();

        var result = await Validator().ValidateAsync(new DpopProofRequest(proof, "POST", new Uri("https://issuer.example/connect/token")));

        result.IsValid.Should().BeTrue(result.Description);
        result.Thumbprint.Should().Be(Key.Thumbprint);
    }

    public static TheoryData<string, Func<DpopProof.Builder, DpopProof.Builder>, string> BrokenProofs => new()
    {
        { "typ JWT", b => b.Header("typ", "JWT"), "dpop_type" },
        { "no typ", b => b.Header("typ", null), "dpop_type" },
        { "alg none", b => b.Header("alg", "none"), "dpop_algorithm" },
        { "alg none, no signature", b => b.Unsigned(), "dpop_malformed" },
        { "alg HS256", b => b.Header("alg", "HS256"), "dpop_algorithm" },
        { "no jwk", b => b.Header("jwk", null), "dpop_key" },
        { "jwk a string", b => b.Header("jwk", "key"), "dpop_key" },
        { "private key in jwk", b => b.WithPrivateKeyInJwk(), "dpop_key" },
        { "symmetric jwk", b => b.Header("jwk", new Dictionary<string, object?> { ["kty"] = "oct", ["k"] = "c2VjcmV0" }), "dpop_key" },
        { "jwk on the wrong curve", b => b.Header("jwk", new Dictionary<string, object?>(DpopProof.CreateEc("ES384").Jwk)), "dpop_key" },
        { "signed by another key", b => b.SignedBy(DpopProof.CreateEc()), "dpop_signature" },
        { "crit header", b => b.Header("crit", new[] { "exp" }), "dpop_malformed" },
        { "no jti", b => b.Without("jti"), "dpop_jti" },
        { "jti too long", b => b.Claim("jti", new string('j', 257)), "dpop_jti" },
        { "no htm", b => b.Without("htm"), "dpop_htm" },
        { "htm of another method", b => b.Claim("htm", "POST"), "dpop_htm" },
        { "htm in lower case", b => b.Claim("htm", "get"), "dpop_htm" },
        { "no htu", b => b.Without("htu"), "dpop_htu" },
        { "htu of another path", b => b.Claim("htu", "https://api.example/api/other"), "dpop_htu" },
        { "htu of another host", b => b.Claim("htu", "https://evil.example/api/messages"), "dpop_htu" },
        { "htu over http", b => b.Claim("htu", "http://api.example/api/messages"), "dpop_htu" },
        { "htu on another port", b => b.Claim("htu", "https://api.example:8443/api/messages"), "dpop_htu" },
        { "htu relative", b => b.Claim("htu", "/api/messages"), "dpop_htu" },
        { "no iat", b => b.Without("iat"), "dpop_iat" },
        { "iat a string", b => b.Claim("iat", "1700000000"), "dpop_iat" },
        { "iat 6 minutes old", b => b.IssuedAt(DateTimeOffset.UtcNow.AddMinutes(-6)), "dpop_iat" },
        { "iat 2 minutes ahead", b => b.IssuedAt(DateTimeOffset.UtcNow.AddMinutes(2)), "dpop_iat" },
        { "no ath", b => b.Without("ath"), "dpop_ath" },
        { "ath of another token", b => b.Claim("ath", DpopProof.HashOf("another.token.value")), "dpop_ath" },
    };

    [Theory]
    [MemberData(nameof(BrokenProofs))]
    public async Task A_proof_breaking_one_rule_is_refused_with_invalid_dpop_proof_naming_the_rule(string rule, Func<DpopProof.Builder, DpopProof.Builder> breakIt, string reason)
    {
        var proof = breakIt(Key.For("GET", Url, AccessToken)).Build();

        var result = await Validator().ValidateAsync(Request(proof));

        result.IsValid.Should().BeFalse(rule);
        result.Error.Should().Be(DpopProofResult.InvalidDpopProof);
        result.Reason.Should().Be(reason, rule);
        result.Description.Should().NotBeNullOrEmpty().And.NotContain(proof).And.NotContain(AccessToken);
        result.Thumbprint.Should().BeNull();
    }

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("a.b")]
    [InlineData("e30.e30.")]
    [InlineData("e30=.e30.c2ln")]
    [InlineData("W10.W10.c2ln")]
    public async Task A_proof_that_is_not_a_signed_compact_JWT_is_refused_as_malformed(string proof)
    {
        var result = await Validator().ValidateAsync(Request(proof));

        result.Error.Should().Be(DpopProofResult.InvalidDpopProof);
        result.Reason.Should().Be("dpop_malformed");
    }

    [Fact]
    public async Task A_proof_longer_than_the_size_limit_is_refused_before_it_is_parsed()
    {
        var proof = Key.For("GET", Url, AccessToken).Claim("padding", new string('x', DpopOptions.MaxProofLength)).Build();

        var result = await Validator().ValidateAsync(Request(proof));

        result.Reason.Should().Be("dpop_malformed");
        result.Description.Should().Contain("8 KB");
    }

    [Fact]
    public async Task A_proof_signed_with_a_key_other_than_the_bound_one_is_refused()
    {
        var other = DpopProof.CreateEc();
        var proof = other.For("GET", Url, AccessToken).Build();

        var result = await Validator().ValidateAsync(Request(proof));

        result.Reason.Should().Be("dpop_binding");
        result.Description.Should().Contain("cnf.jkt");
    }

    [Fact]
    public async Task An_RSA_proof_key_shorter_than_2048_bits_is_refused()
    {
        var small = DpopProof.CreateRsa("RS256", 1024);
        var proof = small.For("GET", Url, AccessToken).Build();

        var result = await Validator().ValidateAsync(new DpopProofRequest(proof, "GET", new Uri(Url)) { AccessToken = AccessToken });

        result.Reason.Should().Be("dpop_key");
        result.Description.Should().Contain("2048");
    }

    [Fact]
    public async Task An_algorithm_left_out_of_the_configured_list_is_refused_and_not_announced()
    {
        var validator = Validator(new DpopOptions { Algorithms = ["ES256"] });
        var rsa = DpopProof.CreateRsa("PS256");

        var result = await validator.ValidateAsync(new DpopProofRequest(rsa.For("GET", Url).Build(), "GET", new Uri(Url)));

        validator.Algorithms.Should().Equal("ES256");
        result.Reason.Should().Be("dpop_algorithm");
        result.Description.Should().Contain("ES256").And.NotContain("PS256");
    }

    [Fact]
    public async Task The_same_proof_passes_once_and_is_refused_as_a_replay_the_second_time()
    {
        var validator = Validator();
        var proof = Key.For("GET", Url, AccessToken).Build();

        var first = await validator.ValidateAsync(Request(proof));
        var second = await validator.ValidateAsync(Request(proof));

        first.IsValid.Should().BeTrue(first.Description);
        second.Reason.Should().Be("dpop_replayed");
        second.Description.Should().Contain("jti");
    }

    [Fact]
    public async Task A_refused_proof_does_not_use_up_its_jti()
    {
        var validator = Validator();
        var builder = Key.For("GET", Url, AccessToken).Claim("jti", "one-jti");

        var wrongUrl = await validator.ValidateAsync(Request(builder.Build(), url: "https://api.example/api/other"));
        var right = await validator.ValidateAsync(Request(builder.Build()));

        wrongUrl.Reason.Should().Be("dpop_htu");
        right.IsValid.Should().BeTrue(right.Description);
    }

    [Fact]
    public async Task A_proof_iat_is_accepted_up_to_ProofMaxAge_old_and_up_to_the_clock_skew_ahead()
    {
        // A whole second, as iat is: the bounds are then exact.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var validator = Validator(new DpopOptions { ProofMaxAge = TimeSpan.FromMinutes(5), ClockSkew = TimeSpan.FromSeconds(30) }, clock);
        var now = clock.GetUtcNow();

        var oldest = await validator.ValidateAsync(Request(Key.For("GET", Url, AccessToken).IssuedAt(now.AddMinutes(-5)).Build()));
        var tooOld = await validator.ValidateAsync(Request(Key.For("GET", Url, AccessToken).IssuedAt(now.AddMinutes(-5).AddSeconds(-1)).Build()));
        var aheadWithinSkew = await validator.ValidateAsync(Request(Key.For("GET", Url, AccessToken).IssuedAt(now.AddSeconds(30)).Build()));
        var tooFarAhead = await validator.ValidateAsync(Request(Key.For("GET", Url, AccessToken).IssuedAt(now.AddSeconds(31)).Build()));

        oldest.IsValid.Should().BeTrue(oldest.Description);
        tooOld.Reason.Should().Be("dpop_iat");
        tooOld.Description.Should().Contain("300 seconds");
        aheadWithinSkew.IsValid.Should().BeTrue(aheadWithinSkew.Description);
        tooFarAhead.Reason.Should().Be("dpop_iat");
        tooFarAhead.Description.Should().Contain("future");
    }

    [Theory]
    [InlineData("https://API.Example/api/messages", "https://api.example/api/messages")]
    [InlineData("HTTPS://api.example:443/api/messages", "https://api.example/api/messages")]
    [InlineData("http://api.example:80/api/messages", "http://api.example/api/messages")]
    [InlineData("https://api.example/api/messages?page=2#top", "https://api.example/api/messages")]
    [InlineData("https://api.example/api/messages", "https://api.example/api/messages?page=2")]
    [InlineData("https://api.example/api/%7Emessages", "https://api.example/api/~messages")]
    public async Task The_htu_matches_after_RFC_3986_normalization_ignoring_query_and_fragment(string htu, string requestUrl)
    {
        var proof = Key.For("GET", htu, AccessToken).Build();

        var result = await Validator().ValidateAsync(Request(proof, url: requestUrl));

        result.IsValid.Should().BeTrue(result.Description);
    }

    [Fact]
    public async Task The_method_is_compared_exactly()
    {
        var proof = Key.For("POST", Url, AccessToken).Build();

        (await Validator().ValidateAsync(Request(proof, method: "POST"))).IsValid.Should().BeTrue();
        (await Validator().ValidateAsync(Request(Key.For("POST", Url, AccessToken).Build(), method: "PUT"))).Reason.Should().Be("dpop_htm");
    }
}
