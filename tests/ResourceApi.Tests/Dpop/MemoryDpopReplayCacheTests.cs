using Microsoft.Extensions.Time.Testing;
using ResourceApi.AccessTokens;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// The in-memory replay cache's bounds: a flood of unique jtis neither grows it past <c>MaxEntries</c> nor evicts an
/// entry still inside its window (the proof is refused instead: fail closed), memory per entry is fixed whatever the
/// key's length, and a key is added exactly once however many threads race for it.
/// </summary>
public sealed class MemoryDpopReplayCacheTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_flood_of_unique_keys_fills_it_to_MaxEntries_then_is_refused_and_the_first_entries_stay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new MemoryDpopReplayCache(1000, clock);
        var expires = clock.GetUtcNow().AddMinutes(5);
        (await cache.TryAddAsync("first", expires)).Should().Be(DpopReplayOutcome.Added);

        var outcomes = new Dictionary<DpopReplayOutcome, int>();
        for (var i = 0; i < 10_000; i++)
        {
            var outcome = await cache.TryAddAsync($"flood-{i}", expires);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        cache.Count.Should().Be(1000);
        outcomes[DpopReplayOutcome.Added].Should().Be(999);
        outcomes[DpopReplayOutcome.Full].Should().Be(9001);
        (await cache.TryAddAsync("first", expires)).Should().Be(DpopReplayOutcome.AlreadySeen, "an entry inside its window is never evicted early");
    }

    [Fact]
    public async Task When_full_expired_entries_make_room_at_the_next_sweep()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new MemoryDpopReplayCache(100, clock);
        for (var i = 0; i < 100; i++)
        {
            await cache.TryAddAsync($"old-{i}", clock.GetUtcNow().AddSeconds(10));
        }
        (await cache.TryAddAsync("new", clock.GetUtcNow().AddMinutes(5))).Should().Be(DpopReplayOutcome.Full);

        clock.Advance(TimeSpan.FromSeconds(11));

        (await cache.TryAddAsync("new", clock.GetUtcNow().AddMinutes(5))).Should().Be(DpopReplayOutcome.Added);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_full_cache_scans_for_expired_entries_at_most_once_per_sweep_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new MemoryDpopReplayCache(10, clock);
        for (var i = 0; i < 10; i++)
        {
            await cache.TryAddAsync($"k-{i}", clock.GetUtcNow().AddMinutes(5));
        }

        for (var i = 0; i < 100; i++)
        {
            (await cache.TryAddAsync($"flood-{i}", clock.GetUtcNow().AddMinutes(5))).Should().Be(DpopReplayOutcome.Full);
        }
        var sweepsInOneInterval = cache.Sweeps;
        clock.Advance(MemoryDpopReplayCache.FullSweepInterval);
        await cache.TryAddAsync("after", clock.GetUtcNow().AddMinutes(5));

        sweepsInOneInterval.Should().Be(1, "a hundred refusals within one interval cost one scan");
        cache.Sweeps.Should().Be(2);
    }

    [Fact]
    public async Task Racing_threads_add_one_key_exactly_once()
    {
        var cache = new MemoryDpopReplayCache(1000, TimeProvider.System);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        using var start = new ManualResetEventSlim();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await cache.TryAddAsync("contested", expires);
        })).Append(Task.Run(() => { start.Set(); return DpopReplayOutcome.AlreadySeen; })));

        outcomes.Count(o => o == DpopReplayOutcome.Added).Should().Be(1);
        cache.Count.Should().Be(1);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(300)]
    public async Task An_entry_costs_at_most_BytesPerEntry_whatever_the_key_length(int keyLength)
    {
        const int entries = 20_000;
        var cache = new MemoryDpopReplayCache(entries, TimeProvider.System);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        await cache.TryAddAsync("warm-up", expires); // the JIT and the first call's one-time costs, outside the measure
        cache = new MemoryDpopReplayCache(entries, TimeProvider.System);
        var keys = Enumerable.Range(0, entries).Select(i => i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture).PadRight(keyLength, 'k')).ToArray();

        // Everything this thread allocates while adding: the table, sized for MaxEntries on the first add, and nothing per add.
        var added = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var key in keys)
        {
            // Completes at once: awaiting it allocates nothing of its own.
            if (await cache.TryAddAsync(key, expires) == DpopReplayOutcome.Added)
            {
                added++;
            }
        }
        var perEntry = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)entries;

        output.WriteLine($"{perEntry:0.0} bytes per entry with {keyLength}-character keys (bound {MemoryDpopReplayCache.BytesPerEntry})");
        added.Should().Be(entries);
        perEntry.Should().BeLessThanOrEqualTo(MemoryDpopReplayCache.BytesPerEntry);
        cache.Count.Should().Be(entries);
    }
}
