using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResourceApi.Replicas;

namespace ResourceApi.Health;

/// <summary>Ready when Redis, which the replicas share, answers a PING. Registered only when <c>ConnectionStrings:Redis</c> is set.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await redis.GetAsync().WaitAsync(cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("Redis is reachable.", new Dictionary<string, object> { ["pingMilliseconds"] = Math.Round(latency.TotalMilliseconds, 1) });
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException or OperationCanceledException)
        {
            // No exception text: the report is anonymous, and the log has the connection's own messages.
            return HealthCheckResult.Unhealthy("Redis cannot be reached.");
        }
    }
}
