using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The default replay cache: in process, bounded in entries and so in memory. Each entry is a 128-bit hash of the
/// key and its expiry, whatever the key's length, in one table sized for <see cref="MaxEntries"/> when the first
/// proof arrives (so its memory is fixed from then on: <see cref="BytesPerEntry"/> × <see cref="MaxEntries"/>). When
/// full, expired entries are swept (at most once per <see cref="FullSweepInterval"/>, so a flood cannot make every
/// request scan the table); if none had expired, the proof is refused: an entry still inside its window is never
/// evicted early, since that would let its proof be replayed.
/// </summary>
public sealed class MemoryDpopReplayCache(int maxEntries, TimeProvider time) : IDpopReplayCache
{
    public const int DefaultMaxEntries = 100_000;

    /// <summary>What one entry of the table costs: its slot (hash, expiry, the table's own fields) and its bucket. Measured by a test.</summary>
    public const int BytesPerEntry = 48;

    public static readonly TimeSpan FullSweepInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Dictionary<KeyHash, long>? _entries;
    private long _nextSweep = long.MinValue;
    private int _sweeps;

    public MemoryDpopReplayCache()
        : this(DefaultMaxEntries, TimeProvider.System)
    {
    }

    public int MaxEntries => maxEntries;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries?.Count ?? 0;
            }
        }
    }

    /// <summary>How many times a full cache was scanned for expired entries.</summary>
    internal int Sweeps => Volatile.Read(ref _sweeps);

    public ValueTask<DpopReplayOutcome> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = Hash(key);
        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            // Sized once, for the bound: the table never grows, so it never leaves a resized copy behind either.
            var entries = _entries ??= new Dictionary<KeyHash, long>(maxEntries);
            if (entries.TryGetValue(hash, out var expires))
            {
                if (expires > now)
                {
                    return ValueTask.FromResult(DpopReplayOutcome.AlreadySeen);
                }
                entries[hash] = expiresAt.UtcTicks;
                return ValueTask.FromResult(DpopReplayOutcome.Added);
            }
            if (entries.Count >= maxEntries && !SweepWhenFull(entries, now))
            {
                return ValueTask.FromResult(DpopReplayOutcome.Full);
            }
            entries.Add(hash, expiresAt.UtcTicks);
            return ValueTask.FromResult(DpopReplayOutcome.Added);
        }
    }

    // True when a sweep made room. Sweeps run at most once per FullSweepInterval; between them a full cache refuses.
    private bool SweepWhenFull(Dictionary<KeyHash, long> entries, long now)
    {
        var timestamp = time.GetTimestamp();
        if (timestamp < _nextSweep)
        {
            return false;
        }
        _nextSweep = timestamp + (long)(FullSweepInterval.TotalSeconds * time.TimestampFrequency);
        Interlocked.Increment(ref _sweeps);
        foreach (var (hash, expires) in entries)
        {
            if (expires <= now)
            {
                entries.Remove(hash);
            }
        }
        return entries.Count < maxEntries;
    }

    // Allocation-free for keys up to 1 KB of UTF-8 (a proof's key is at most a few hundred characters).
    private static KeyHash Hash(string key)
    {
        Span<byte> digest = stackalloc byte[32];
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (length <= 1024)
        {
            Span<byte> small = stackalloc byte[1024];
            SHA256.HashData(small[..Encoding.UTF8.GetBytes(key, small)], digest);
        }
        else
        {
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            SHA256.HashData(rented.AsSpan(0, Encoding.UTF8.GetBytes(key, rented)), digest);
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
        return new KeyHash(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
    }

    // Two longs rather than a UInt128, whose 16-byte alignment would pad every slot of the table.
    private readonly record struct KeyHash(ulong High, ulong Low);
}
