namespace ResourceApi.AccessTokens;

/// <summary>
/// An atomic add-if-absent on the store behind <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>,
/// which has none of its own: with Redis, <c>SET key value NX PXAT expiry</c>. Register one as a singleton and
/// <see cref="DistributedDpopReplayCache"/> uses it; without one it falls back to set-then-read (see there).
/// </summary>
public interface IDistributedCacheAddIfAbsent
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> until <paramref name="expiresAt"/> unless the key exists; true when stored.</summary>
    Task<bool> AddIfAbsentAsync(string key, byte[] value, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
