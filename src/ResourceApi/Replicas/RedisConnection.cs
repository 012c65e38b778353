using StackExchange.Redis;

namespace ResourceApi.Replicas;

/// <summary>
/// The one connection to Redis (<c>ConnectionStrings:Redis</c>), opened on first use and shared by the
/// distributed cache and the readiness check. It does not stop the app when Redis is down at start
/// (<c>abortConnect=false</c>): the replica then answers <c>/health/ready</c> 503 until Redis is back, and
/// the client library reconnects by itself.
/// </summary>
public sealed class RedisConnection(ConfigurationOptions options) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection =
        new(async () => await ConnectionMultiplexer.ConnectAsync(options));

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
