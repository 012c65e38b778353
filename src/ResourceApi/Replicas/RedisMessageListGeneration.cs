using ResourceApi.Messages;
using StackExchange.Redis;

namespace ResourceApi.Replicas;

/// <summary>
/// The messages list's generation in Redis (<c>INCR</c>), so a write through one replica moves the list on for
/// every replica: each cached page's key holds the number its reader saw before its query. One <c>GET</c> of a
/// small number per list request. One key, not one per database: replicas that name their database differently
/// (a host name here, an address or a pooler there) must still share it. Two deployments on one Redis therefore
/// move each other's number, which costs them cache misses, never a stale page.
/// </summary>
internal sealed partial class RedisMessageListGeneration(RedisConnection redis, ILogger<RedisMessageListGeneration> logger)
    : IMessageListGeneration
{
    private static readonly RedisKey Key = SharedCacheExtensions.InstanceName + "messages:generation";

    public async ValueTask<long?> CurrentAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync().WaitAsync(cancellationToken);
        var value = await connection.GetDatabase().StringGetAsync(Key).WaitAsync(cancellationToken);
        // Never written yet: generation 0. Anything else that is not a number is not ours to key pages by.
        return value.IsNull ? 0 : value.TryParse(out long number) ? number : null;
    }

    public async Task AdvanceAsync()
    {
        try
        {
            var connection = await redis.GetAsync();
            await connection.GetDatabase().StringIncrementAsync(Key);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogAdvanceFailed(logger, e, MessageListCache.DurationKey);
        }
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning,
        Message = "A message was written but the list's generation in Redis could not be moved on: replicas may list pages from before the write for up to {DurationKey}.")]
    private static partial void LogAdvanceFailed(ILogger logger, Exception exception, string durationKey);
}
