using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;

namespace ResourceApi.AccessTokens;

/// <summary>
/// A replay cache shared by every replica, over <see cref="IDistributedCache"/> (Redis, SQL Server...). Entries expire
/// with their proof's window, so the store bounds itself. <see cref="IDistributedCache"/> has no atomic add-if-absent:
/// when an <see cref="IDistributedCacheAddIfAbsent"/> is registered (Redis <c>SET NX</c>), it is used and a proof is
/// accepted exactly once cluster-wide. Without one, the add is read, write a value unique to this attempt, read back:
/// a replay after the first add completed is always caught, but two copies of one proof arriving at two replicas
/// within the same few milliseconds can both pass, which IDistributedCache alone cannot prevent.
/// </summary>
public sealed class DistributedDpopReplayCache(IDistributedCache cache, TimeProvider time, IDistributedCacheAddIfAbsent? addIfAbsent = null) : IDpopReplayCache
{
    /// <summary>Prefixed to every key, so the entries are recognizable in a shared store.</summary>
    public const string KeyPrefix = "resourceapi:dpop-jti:";

    public async ValueTask<DpopReplayOutcome> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var storeKey = KeyPrefix + key;
        if (expiresAt <= time.GetUtcNow())
        {
            // Already outside its window: the validator refuses such a proof before asking; nothing to remember.
            return DpopReplayOutcome.Added;
        }

        var marker = RandomNumberGenerator.GetBytes(16);
        if (addIfAbsent is not null)
        {
            return await addIfAbsent.AddIfAbsentAsync(storeKey, marker, expiresAt, cancellationToken) ? DpopReplayOutcome.Added : DpopReplayOutcome.AlreadySeen;
        }

        if (await cache.GetAsync(storeKey, cancellationToken) is not null)
        {
            return DpopReplayOutcome.AlreadySeen;
        }
        await cache.SetAsync(storeKey, marker, new DistributedCacheEntryOptions { AbsoluteExpiration = expiresAt }, cancellationToken);
        // Another writer that got in between overwrote the marker: of the two, only the last writer passes.
        return await cache.GetAsync(storeKey, cancellationToken) is { } stored && stored.AsSpan().SequenceEqual(marker)
            ? DpopReplayOutcome.Added
            : DpopReplayOutcome.AlreadySeen;
    }
}
