using ResourceApi.AccessTokens;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// What every <see cref="IDpopReplayCache"/> promises, run against each implementation: a key is added once and
/// refused while remembered, keys are independent, and a key is forgotten once its expiry passes (real time: the
/// distributed one runs on the store's clock).
/// </summary>
public abstract class DpopReplayCacheContract
{
    protected abstract IDpopReplayCache Create();

    private static string NewKey() => "dpop:thumbprint:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_key_is_added_once_and_then_seen()
    {
        var cache = Create();
        var key = NewKey();
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);

        (await cache.TryAddAsync(key, expires)).Should().Be(DpopReplayOutcome.Added);
        (await cache.TryAddAsync(key, expires)).Should().Be(DpopReplayOutcome.AlreadySeen);
        (await cache.TryAddAsync(key, expires.AddMinutes(5))).Should().Be(DpopReplayOutcome.AlreadySeen, "a later expiry does not make it new");
    }

    [Fact]
    public async Task Different_keys_are_independent()
    {
        var cache = Create();
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);

        var outcomes = new List<DpopReplayOutcome>();
        for (var i = 0; i < 20; i++)
        {
            outcomes.Add(await cache.TryAddAsync(NewKey(), expires));
        }

        outcomes.Should().AllBeEquivalentTo(DpopReplayOutcome.Added);
    }

    [Fact]
    public async Task A_key_is_remembered_until_its_expiry_and_forgotten_after_it()
    {
        var cache = Create();
        var key = NewKey();
        var window = TimeSpan.FromSeconds(1);
        var expires = DateTimeOffset.UtcNow + window;

        (await cache.TryAddAsync(key, expires)).Should().Be(DpopReplayOutcome.Added);
        if (DateTimeOffset.UtcNow < expires - TimeSpan.FromMilliseconds(200))
        {
            (await cache.TryAddAsync(key, expires)).Should().Be(DpopReplayOutcome.AlreadySeen);
        }

        // Polled: the bound is the expiry, plus scheduling slack.
        var deadline = DateTimeOffset.UtcNow + window + TimeSpan.FromSeconds(5);
        var outcome = DpopReplayOutcome.AlreadySeen;
        while (DateTimeOffset.UtcNow < deadline && outcome != DpopReplayOutcome.Added)
        {
            await Task.Delay(100);
            outcome = await cache.TryAddAsync(key, DateTimeOffset.UtcNow.AddMinutes(1));
        }
        outcome.Should().Be(DpopReplayOutcome.Added);
        DateTimeOffset.UtcNow.Should().BeOnOrAfter(expires);
    }
}

public sealed class MemoryDpopReplayCacheContractTests : DpopReplayCacheContract
{
    protected override IDpopReplayCache Create() => new MemoryDpopReplayCache(1000, TimeProvider.System);
}

/// <summary>The distributed cache over <c>MemoryDistributedCache</c>, with its set-then-read fallback (no atomic add registered).</summary>
public sealed class DistributedDpopReplayCacheContractTests : DpopReplayCacheContract
{
    protected override IDpopReplayCache Create() => new DistributedDpopReplayCache(
        new Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions())),
        TimeProvider.System);
}
