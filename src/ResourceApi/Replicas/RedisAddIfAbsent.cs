using ResourceApi.AccessTokens;
using StackExchange.Redis;

namespace ResourceApi.Replicas;

/// <summary>
/// Redis <c>SET key value NX PX ttl</c>: an add that exactly one replica wins, so a DPoP proof is accepted once
/// across all of them even when two copies arrive at two replicas in the same instant. Keys carry the same
/// <c>ResourceApi:</c> prefix as the distributed cache's.
/// </summary>
internal sealed class RedisAddIfAbsent(RedisConnection redis, TimeProvider time) : IDistributedCacheAddIfAbsent
{
    public async Task<bool> AddIfAbsentAsync(string key, byte[] value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var ttl = expiresAt - time.GetUtcNow();
        if (ttl <= TimeSpan.Zero)
        {
            return true;
        }
        var connection = await redis.GetAsync().WaitAsync(cancellationToken);
        return await connection.GetDatabase().StringSetAsync(SharedCacheExtensions.InstanceName + key, value, ttl, When.NotExists).WaitAsync(cancellationToken);
    }
}
