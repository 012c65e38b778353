using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// Server nonces (RFC 9449 §9) under <c>Dpop:RequireNonce=true</c>: a proof without one gets 401
/// <c>use_dpop_nonce</c> and a <c>DPoP-Nonce</c> header; nonces are stateless (time + HMAC), so replicas sharing
/// <c>Dpop:NonceKey</c> accept each other's, and a nonce is good for <c>NonceLifetime</c>, renewed past half of it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DpopNonceTests(ApiFixture api)
{
    private static readonly string SharedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_proof_without_a_nonce_gets_use_dpop_nonce_and_one_then_the_retry_passes()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer", ("Dpop:RequireNonce", "true"));
        var token = dpop.BoundToken();

        using var first = await dpop.SendAsync(token, dpop.Proof(token).Build());
        var nonce = first.Headers.GetValues("DPoP-Nonce").Single();
        using var retry = await dpop.SendAsync(token, dpop.Proof(token).Nonce(nonce).Build());

        await DpopRequestTests.ShouldBeInvalidProofAsync(first, "requires a server nonce", error: "use_dpop_nonce");
        nonce.Should().MatchRegex("^[A-Za-z0-9_-]{32}$");
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_made_up_nonce_gets_use_dpop_nonce()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer", ("Dpop:RequireNonce", "true"));
        var token = dpop.BoundToken();

        using var response = await dpop.SendAsync(token, dpop.Proof(token).Nonce("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").Build());

        await DpopRequestTests.ShouldBeInvalidProofAsync(response, "not one this API issued", error: "use_dpop_nonce");
        response.Headers.Contains("DPoP-Nonce").Should().BeTrue();
    }

    [Fact]
    public async Task Replicas_sharing_the_nonce_key_accept_each_others_nonces_and_others_do_not()
    {
        await using var one = await DpopClient.StartAsync(api, "Bearer", ("Dpop:RequireNonce", "true"), ("Dpop:NonceKey", SharedKey));
        await using var two = await DpopClient.StartAsync(api, "Bearer", ("Dpop:RequireNonce", "true"), ("Dpop:NonceKey", SharedKey));
        await using var stranger = await DpopClient.StartAsync(api, "Bearer", ("Dpop:RequireNonce", "true"));
        var tokenOne = one.BoundToken();
        using var challenge = await one.SendAsync(tokenOne, one.Proof(tokenOne).Build());
        var nonce = challenge.Headers.GetValues("DPoP-Nonce").Single();

        var tokenTwo = two.Issuer.Token().BoundTo(two.Key).Build();
        using var atTwo = await two.SendAsync(tokenTwo, two.Proof(tokenTwo).Nonce(nonce).Build());
        var tokenStranger = stranger.Issuer.Token().BoundTo(stranger.Key).Build();
        using var atStranger = await stranger.SendAsync(tokenStranger, stranger.Proof(tokenStranger).Nonce(nonce).Build());

        atTwo.StatusCode.Should().Be(HttpStatusCode.OK);
        await DpopRequestTests.ShouldBeInvalidProofAsync(atStranger, "not one this API issued", error: "use_dpop_nonce");
    }

    [Fact]
    public async Task A_nonce_is_good_for_NonceLifetime_renewed_after_half_of_it_and_refused_after_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var options = new DpopOptions { RequireNonce = true, NonceLifetime = TimeSpan.FromMinutes(2), ProofMaxAge = TimeSpan.FromMinutes(5) };
        var validator = new DpopProofValidator(options, new MemoryDpopReplayCache(100, clock), clock);
        var key = DpopProof.CreateEc();
        var url = new Uri("https://api.example/api/messages");
        var nonce = validator.CreateNonce()!;
        async Task<DpopProofResult> CheckAsync() => await validator.ValidateAsync(new DpopProofRequest(
            key.For("GET", url.ToString()).IssuedAt(clock.GetUtcNow()).Nonce(nonce).Build(), "GET", url));

        var fresh = await CheckAsync();
        clock.Advance(TimeSpan.FromSeconds(61));
        var pastHalf = await CheckAsync();
        clock.Advance(TimeSpan.FromSeconds(60));
        var expired = await CheckAsync();

        fresh.IsValid.Should().BeTrue(fresh.Description);
        fresh.Nonce.Should().BeNull("a young nonce needs no renewal");
        pastHalf.IsValid.Should().BeTrue(pastHalf.Description);
        pastHalf.Nonce.Should().NotBeNull().And.NotBe(nonce, "past half its lifetime a fresh one comes with the success");
        expired.Error.Should().Be(DpopProofResult.UseDpopNonce);
        expired.Nonce.Should().NotBeNull();
    }
}
