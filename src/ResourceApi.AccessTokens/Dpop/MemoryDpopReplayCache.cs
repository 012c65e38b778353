using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The default replay cache: in process, bounded in entries and so in memory. Each entry is a 128-bit hash of
/// the key and its expiry, whatever the key's length. When full, expired entries are swept (at most once per
/// <see cref="FullSweepInterval"/>, so a flood cannot make every request scan the table); if none had expired,
/// the proof is refused: an entry still inside its window is never evicted early, since that would let its proof
/// be replayed.
/// </summary>
public sealed class MemoryDpopReplayCache(int maxEntries, TimeProvider time) : IDpopReplayCache
{
    public const int DefaultMaxEntries = 100_000;

    /// <summary>A deliberate over-estimate of one entry: key, value, the dictionary's node and bucket.</summary>
    public const int BytesPerEntry = 96;

    public static readonly TimeSpan FullSweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<UInt128, long> _entries = new();
    private readonly Lock _sweeping = new();
    private int _count;
    private long _nextSweep = long.MinValue;

    public MemoryDpopReplayCache()
        : this(DefaultMaxEntries, TimeProvider.System)
    {
    }

    public int MaxEntries => maxEntries;

    public int Count => Volatile.Read(ref _count);

    public ValueTask<DpopReplayOutcome> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = Hash(key);
        var now = time.GetUtcNow().UtcTicks;
        if (_entries.TryGetValue(hash, out var expires))
        {
            // An expired entry under the same key is replaced in place; of two racing writers, one wins.
            return ValueTask.FromResult(expires <= now && _entries.TryUpdate(hash, expiresAt.UtcTicks, expires)
                ? DpopReplayOutcome.Added
                : DpopReplayOutcome.AlreadySeen);
        }

        // The slot is reserved before the entry is added, so concurrent adds cannot overshoot MaxEntries.
        if (Interlocked.Increment(ref _count) > maxEntries && !SweepWhenFull(now))
        {
            Interlocked.Decrement(ref _count);
            return ValueTask.FromResult(DpopReplayOutcome.Full);
        }
        if (_entries.TryAdd(hash, expiresAt.UtcTicks))
        {
            return ValueTask.FromResult(DpopReplayOutcome.Added);
        }
        Interlocked.Decrement(ref _count);
        return ValueTask.FromResult(DpopReplayOutcome.AlreadySeen);
    }

    // True when a sweep made room. Sweeps run at most once per FullSweepInterval; between them a full cache refuses.
    private bool SweepWhenFull(long now)
    {
        lock (_sweeping)
        {
            var timestamp = time.GetTimestamp();
            if (timestamp < _nextSweep)
            {
                return Volatile.Read(ref _count) <= maxEntries;
            }
            _nextSweep = timestamp + (long)(FullSweepInterval.TotalSeconds * time.TimestampFrequency);
            foreach (var (hash, expires) in _entries)
            {
                if (expires <= now && _entries.TryRemove(new KeyValuePair<UInt128, long>(hash, expires)))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
            return Volatile.Read(ref _count) <= maxEntries;
        }
    }

    private static UInt128 Hash(string key)
    {
        Span<byte> digest = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(key);
        SHA256.HashData(bytes, digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }
}
