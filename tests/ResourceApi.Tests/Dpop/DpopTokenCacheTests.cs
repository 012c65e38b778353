using System.Net;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.TokenCache;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// The validated-token cache and DPoP: a token answered from the cache still needs a fresh, valid proof on every
/// request, and a failed proof (a thief's, a replayed one) neither evicts nor poisons the entry of the token's holder.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DpopTokenCacheTests(ApiFixture api)
{
    [Fact]
    public async Task A_cached_token_still_needs_a_fresh_valid_proof_on_every_request()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var cache = TokenCacheProbe.RequiredCacheOf(dpop.Factory);
        var token = dpop.BoundToken();
        for (var i = 0; i < 3; i++)
        {
            (await dpop.SendValidAsync(token)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var hitsBefore = cache.Hits;
        var reused = dpop.Proof(token).Build();
        (await dpop.SendAsync(token, reused)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var replayed = await dpop.SendAsync(token, reused);
        using var noProof = await dpop.SendAsync(token, proof: null);
        using var asBearer = await dpop.SendAsync(token, proof: null, scheme: "Bearer");

        cache.Hits.Should().BeGreaterThan(hitsBefore, "the token itself is answered from the cache");
        await DpopRequestTests.ShouldBeInvalidProofAsync(replayed, "used before");
        await DpopRequestTests.ShouldBeInvalidProofAsync(noProof, "no DPoP proof");
        asBearer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Failed_proofs_neither_evict_nor_poison_the_cache_entry_of_the_tokens_holder()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var cache = TokenCacheProbe.RequiredCacheOf(dpop.Factory);
        var token = dpop.BoundToken();
        (await dpop.SendValidAsync(token)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await dpop.SendValidAsync(token)).StatusCode.Should().Be(HttpStatusCode.OK);
        cache.Count.Should().Be(1);

        var thief = DpopProof.CreateEc();
        for (var i = 0; i < 5; i++)
        {
            (await dpop.SendAsync(token, dpop.Proof(token, key: thief).Build())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await dpop.SendAsync(token, dpop.Proof(token, path: "/api/other").Build())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        var hitsBefore = cache.Hits;
        using var holder = await dpop.SendValidAsync(token);

        holder.StatusCode.Should().Be(HttpStatusCode.OK);
        cache.Count.Should().Be(1);
        cache.Hits.Should().Be(hitsBefore + 1, "the holder's next request is still a hit");
    }
}
