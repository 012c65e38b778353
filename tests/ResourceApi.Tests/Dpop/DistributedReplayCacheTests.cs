using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// <c>AddDistributedDpopReplayCache()</c>: replicas sharing one <see cref="IDistributedCache"/> refuse a proof any of
/// them accepted, and an <see cref="IDistributedCacheAddIfAbsent"/>, when registered, is the add they use.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DistributedReplayCacheTests(ApiFixture api)
{
    [Fact]
    public async Task A_proof_accepted_by_one_replica_is_refused_by_another_sharing_the_distributed_cache()
    {
        var shared = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var one = Replica(issuer, services => services.AddSingleton<IDistributedCache>(shared).AddDistributedDpopReplayCache());
        await using var two = Replica(issuer, services => services.AddSingleton<IDistributedCache>(shared).AddDistributedDpopReplayCache());
        var key = DpopProof.CreateEc();
        var token = issuer.Token().BoundTo(key).Build();
        var proof = key.For("GET", DpopClient.BaseUrl + "/api/messages", token).Build();

        using var atOne = await SendAsync(one, token, proof);
        using var atTwo = await SendAsync(two, token, proof);

        one.Services.GetRequiredService<IDpopReplayCache>().Should().BeOfType<DistributedDpopReplayCache>();
        atOne.StatusCode.Should().Be(HttpStatusCode.OK);
        await DpopRequestTests.ShouldBeInvalidProofAsync(atTwo, "used before");
    }

    [Fact]
    public async Task A_registered_atomic_add_is_the_one_the_distributed_cache_uses()
    {
        var atomic = new DictionaryAddIfAbsent();
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var host = Replica(issuer, services => services.AddDistributedMemoryCache().AddSingleton<IDistributedCacheAddIfAbsent>(atomic).AddDistributedDpopReplayCache());
        var key = DpopProof.CreateEc();
        var token = issuer.Token().BoundTo(key).Build();
        var proof = key.For("GET", DpopClient.BaseUrl + "/api/messages", token).Build();

        using var first = await SendAsync(host, token, proof);
        using var replay = await SendAsync(host, token, proof);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        atomic.Keys.Should().ContainSingle().Which.Should().StartWith(DistributedDpopReplayCache.KeyPrefix + "dpop:" + key.Thumbprint + ":");
    }

    private ApiHost Replica(LoopbackIssuer issuer, Action<IServiceCollection> services) =>
        new(ApiHost.SettingsFor(issuer, api.NewDatabasePath()), "Production", services);

    private static Task<HttpResponseMessage> SendAsync(ApiHost host, string token, string proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages");
        request.Headers.Authorization = new("DPoP", token);
        request.Headers.Add("DPoP", proof);
        return host.CreateClient().SendAsync(request);
    }

    /// <summary>What a Redis SET NX gives: an atomic add-if-absent (expiry ignored: the test is shorter than any).</summary>
    private sealed class DictionaryAddIfAbsent : IDistributedCacheAddIfAbsent
    {
        private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

        public ICollection<string> Keys => _values.Keys;

        public Task<bool> AddIfAbsentAsync(string key, byte[] value, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            Task.FromResult(_values.TryAdd(key, value));
    }
}
