using StackExchange.Redis;

namespace ResourceApi.Replicas;

public static class SharedCacheExtensions
{
    public const string ConnectionStringName = "Redis";

    /// <summary>
    /// What replicas must share goes through <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>:
    /// on Redis when <c>ConnectionStrings:Redis</c> is set, in this process's memory when it is not (one
    /// replica, as before). A connection string that does not parse stops the app at start, naming the key.
    /// </summary>
    public static IServiceCollection AddSharedCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(configured))
        {
            services.AddDistributedMemoryCache();
            return services;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configured);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a Redis connection string (host:port,option=value): {e.Message}", e);
        }
        if (options.EndPoints.Count == 0)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} names no Redis server. Set it such as 'redis:6379' or leave it empty to keep shared state in memory (one replica).");
        }
        options.AbortOnConnectFail = false;

        var connection = new RedisConnection(options);
        services.AddSingleton(connection);
        services.AddStackExchangeRedisCache(cache =>
        {
            cache.ConnectionMultiplexerFactory = connection.GetAsync;
            // One Redis may serve other apps: this API's keys carry its name.
            cache.InstanceName = "ResourceApi:";
        });
        return services;
    }
}
