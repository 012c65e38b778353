using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Tokens of one scheme that passed every check, by <see cref="TokenHash"/>. Only valid tokens enter, so
/// a flood of bad ones costs a hash and a lookup each and never displaces anything; and only at their
/// second valid presentation (<see cref="Admits"/>), so a flood of distinct valid ones displaces nothing
/// either. The size is bounded by <see cref="TokenCacheOptions.MaxEntries"/> (and so memory by that ×
/// <see cref="TokenCacheOptions.MaxEntryBytes"/>); when full, expired entries go first, then the least
/// recently used tenth, so tokens in use stay.
/// </summary>
internal sealed class ValidatedTokenCache(int maxEntries, TimeProvider time)
{
    // Expired entries are also swept on insert at most this often, so an entry does not outlive its token
    // by more than this even when nobody presents it again.
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<TokenHash, CachedValidation> _entries = new();
    private readonly ulong[] _seenOnce = new ulong[SeenOnceSlots(maxEntries)];
    private readonly Lock _trimming = new();
    private int _count;
    private long _bytes;
    private long _hits;
    private long _misses;
    private long _nextSweep = time.GetTimestamp();
    private KeySet _keys = KeySet.Empty;

    public int MaxEntries => maxEntries;

    /// <summary>Bytes held by the seen-once table of <see cref="Admits"/>: fixed at construction.</summary>
    public int SeenOnceBytes => _seenOnce.Length * sizeof(ulong);

    public int Count => Volatile.Read(ref _count);

    public long EstimatedBytes => Interlocked.Read(ref _bytes);

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public TimeProvider Time => time;

    /// <summary>
    /// The entry for <paramref name="hash"/>, if it is still good now: within its token's exp and nbf (with
    /// <paramref name="clockSkew"/>), and signed by a key among <paramref name="currentKeys"/>. An entry that is
    /// no longer good is dropped.
    /// </summary>
    public CachedValidation? Find(TokenHash hash, IEnumerable<SecurityKey>? currentKeys, TimeSpan clockSkew)
    {
        if (!_entries.TryGetValue(hash, out var entry))
        {
            Interlocked.Increment(ref _misses);
            return null;
        }

        // The skew moves now, never the token's times: exp and nbf may lie at the ends of DateTime's range.
        var now = time.GetUtcNow().UtcDateTime;
        if (now - clockSkew > entry.Expires || (entry.NotBefore is { } nbf && now + clockSkew < nbf)
            || currentKeys is null || !KeySetOf(currentKeys).Contains(entry.SigningKeyId))
        {
            Remove(hash, entry);
            Interlocked.Increment(ref _misses);
            return null;
        }

        entry.Touch(time.GetTimestamp());
        Interlocked.Increment(ref _hits);
        return entry;
    }

    /// <summary>
    /// Whether a token that just passed full validation should be remembered: only on its second valid
    /// presentation. The first one leaves a 64-bit fingerprint in a fixed table (two slots per entry, 8 bytes
    /// each), so a service that reuses its token is cached from its second call, while a caller that sends a
    /// new token every time costs a table write instead of an entry, and cannot push the reused tokens out.
    /// </summary>
    public bool Admits(TokenHash hash)
    {
        var slot = (int)(hash.B & (ulong)(_seenOnce.Length - 1));
        var fingerprint = hash.C | 1; // never 0, the empty slot
        if (Volatile.Read(ref _seenOnce[slot]) == fingerprint)
        {
            return true;
        }
        Volatile.Write(ref _seenOnce[slot], fingerprint);
        return false;
    }

    public void Add(TokenHash hash, CachedValidation entry)
    {
        if (Volatile.Read(ref _count) >= maxEntries || time.GetTimestamp() >= Volatile.Read(ref _nextSweep))
        {
            Trim();
        }
        if (_entries.TryAdd(hash, entry))
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _bytes, entry.EstimatedBytes);
        }
    }

    private void Remove(TokenHash hash, CachedValidation entry)
    {
        if (_entries.TryRemove(new KeyValuePair<TokenHash, CachedValidation>(hash, entry)))
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Add(ref _bytes, -entry.EstimatedBytes);
        }
    }

    // One thread trims while the others carry on; until it is done the cache may be over by the few
    // entries added meanwhile, never by more than the number of concurrent requests.
    private void Trim()
    {
        if (!_trimming.TryEnter())
        {
            return;
        }
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            Volatile.Write(ref _nextSweep, time.GetTimestamp() + (long)(SweepInterval.TotalSeconds * time.TimestampFrequency));
            foreach (var (hash, entry) in _entries)
            {
                if (now > entry.Expires)
                {
                    Remove(hash, entry);
                }
            }

            var excess = Volatile.Read(ref _count) - maxEntries + 1;
            if (excess <= 0)
            {
                return;
            }

            // Least recently used first; a tenth at a time, so the sort is paid once per many inserts.
            var victims = Math.Max(excess, maxEntries / 10);
            foreach (var (hash, entry) in _entries.ToArray().OrderBy(e => e.Value.LastUsed).Take(victims))
            {
                Remove(hash, entry);
            }
        }
        finally
        {
            _trimming.Exit();
        }
    }

    // The identities of the issuer's current keys, rebuilt only when the key collection is a new object
    // (a JWKS refresh), so a hit costs one set lookup.
    private HashSet<string> KeySetOf(IEnumerable<SecurityKey> keys)
    {
        var known = Volatile.Read(ref _keys);
        if (ReferenceEquals(known.Source, keys))
        {
            return known.Identities;
        }

        var identities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (CachedValidation.KeyIdentity(key) is { } id)
            {
                identities.Add(id);
            }
        }
        Volatile.Write(ref _keys, new KeySet(keys, identities));
        return identities;
    }

    private static int SeenOnceSlots(int maxEntries) => (int)Math.Max(1024, BitOperations.RoundUpToPowerOf2((uint)maxEntries * 2));

    private sealed record KeySet(IEnumerable<SecurityKey>? Source, HashSet<string> Identities)
    {
        public static readonly KeySet Empty = new(null, []);
    }
}
