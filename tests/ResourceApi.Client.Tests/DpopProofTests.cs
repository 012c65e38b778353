using Microsoft.IdentityModel.JsonWebTokens;
using ResourceApi.AccessTokens;
using ResourceApi.Client.Dpop;
using ResourceApi.Client.Settings;

namespace ResourceApi.Client.Tests;

/// <summary>
/// The calling service's proofs, checked by the API's own validator (RFC 9449 §4.3): the shape the API
/// and the development issuer accept, one use each, the nonce round trip, and the key settings.
/// </summary>
public sealed class DpopProofTests : IDisposable
{
    private static readonly Uri ApiUrl = new("http://127.0.0.1:5080/api/messages?page=2&pageSize=5");

    private readonly DpopKey _key = DpopKey.TryLoad(new DpopSettings { Enabled = true }, TimeProvider.System, out _)!;

    [Fact]
    public async Task A_proof_for_an_API_call_passes_the_APIs_validator_bound_to_the_token_and_to_this_key()
    {
        var validator = new DpopProofValidator(new DpopOptions(), new MemoryDpopReplayCache());

        var proof = _key.CreateProof(HttpMethod.Get, ApiUrl, "the-access-token", nonce: null);
        var result = await validator.ValidateAsync(new DpopProofRequest(proof, "GET", ApiUrl)
        {
            AccessToken = "the-access-token",
            ExpectedThumbprint = _key.Thumbprint,
        });

        result.IsValid.Should().BeTrue(result.Description);
        result.Thumbprint.Should().Be(_key.Thumbprint);
        var token = new JsonWebToken(proof);
        token.Typ.Should().Be("dpop+jwt");
        token.Alg.Should().Be("ES256");
        token.TryGetHeaderValue<Dictionary<string, object>>("jwk", out var jwk).Should().BeTrue();
        jwk!.Keys.Should().BeEquivalentTo(["kty", "crv", "x", "y"], "the public key only, never d");
        token.GetPayloadValue<string>("htu").Should().Be("http://127.0.0.1:5080/api/messages", "query and fragment are left out");
        token.GetPayloadValue<string>("htm").Should().Be("GET");
    }

    [Fact]
    public async Task A_proof_for_the_token_endpoint_carries_no_ath_and_passes_with_no_token()
    {
        var validator = new DpopProofValidator(new DpopOptions(), new MemoryDpopReplayCache());
        var tokenEndpoint = new Uri("http://127.0.0.1:5080/oauth/token");

        var proof = _key.CreateProof(HttpMethod.Post, tokenEndpoint, accessToken: null, nonce: null);
        var result = await validator.ValidateAsync(new DpopProofRequest(proof, "POST", tokenEndpoint));

        result.IsValid.Should().BeTrue(result.Description);
        new JsonWebToken(proof).TryGetPayloadValue<string>("ath", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Each_proof_is_new_so_a_second_proof_for_the_same_call_passes_where_a_replayed_one_is_refused()
    {
        var validator = new DpopProofValidator(new DpopOptions(), new MemoryDpopReplayCache());
        var first = _key.CreateProof(HttpMethod.Post, ApiUrl, "t", nonce: null);
        var second = _key.CreateProof(HttpMethod.Post, ApiUrl, "t", nonce: null);
        DpopProofRequest Request(string proof) => new(proof, "POST", ApiUrl) { AccessToken = "t", ExpectedThumbprint = _key.Thumbprint };

        var firstUse = await validator.ValidateAsync(Request(first));
        var replay = await validator.ValidateAsync(Request(first));
        var secondUse = await validator.ValidateAsync(Request(second));

        firstUse.IsValid.Should().BeTrue();
        replay.Error.Should().Be("invalid_dpop_proof");
        secondUse.IsValid.Should().BeTrue("a new proof has a new jti");
    }

    [Fact]
    public async Task A_proof_made_with_the_nonce_the_server_demanded_passes()
    {
        var validator = new DpopProofValidator(new DpopOptions { RequireNonce = true }, new MemoryDpopReplayCache());

        var demanded = await validator.ValidateAsync(new DpopProofRequest(_key.CreateProof(HttpMethod.Get, ApiUrl, "t", null), "GET", ApiUrl) { AccessToken = "t" });
        var answered = await validator.ValidateAsync(new DpopProofRequest(_key.CreateProof(HttpMethod.Get, ApiUrl, "t", demanded.Nonce), "GET", ApiUrl) { AccessToken = "t" });

        demanded.Error.Should().Be("use_dpop_nonce");
        answered.IsValid.Should().BeTrue(answered.Description);
    }

    [Fact]
    public void A_key_file_is_read_so_the_thumbprint_survives_a_restart()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var settings = new DpopSettings { Enabled = true, PrivateKey = ec.ExportPkcs8PrivateKeyPem() };

        using var first = DpopKey.TryLoad(settings, TimeProvider.System, out _);
        using var second = DpopKey.TryLoad(settings, TimeProvider.System, out _);

        first!.Thumbprint.Should().Be(second!.Thumbprint);
        first.Thumbprint.Should().NotBe(_key.Thumbprint);
    }

    [Fact]
    public void A_key_that_is_not_P256_is_refused_naming_the_setting()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);

        var key = DpopKey.TryLoad(new DpopSettings { Enabled = true, PrivateKey = rsa.ExportPkcs8PrivateKeyPem() }, TimeProvider.System, out var problem);

        key.Should().BeNull();
        problem.Should().StartWith("ResourceApiClient:Dpop:PrivateKey/PrivateKeyFile is not a P-256 EC private key");
    }

    public void Dispose() => _key.Dispose();
}
