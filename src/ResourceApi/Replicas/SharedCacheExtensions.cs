using Microsoft.Extensions.DependencyInjection.Extensions;
using ResourceApi.AccessTokens;
using ResourceApi.Messages;
using StackExchange.Redis;

namespace ResourceApi.Replicas;

public static class SharedCacheExtensions
{
    public const string ConnectionStringName = "Redis";

    /// <summary>One Redis may serve other apps: this API's keys start with its name.</summary>
    public const string InstanceName = "ResourceApi:";

    /// <summary>
    /// What replicas must share (the DPoP replay cache, the messages list's generation) goes through Redis when <c>ConnectionStrings:Redis</c> is
    /// set: <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> on Redis, the replay cache
    /// over it with an atomic add, and the number that keys the list's cached pages. Unset, <c>IDistributedCache</c> is in this process's memory and the replay cache
    /// stays the access-token library's bounded in-process one (one replica, as before). A connection string that does not parse stops the app at start, naming the key.
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
            cache.InstanceName = InstanceName;
        });
        // The messages list's generation, which every write moves on: a write through one replica is in the next
        // page every replica serves (the pages themselves stay in each replica's memory).
        services.Replace(ServiceDescriptor.Singleton<IMessageListGeneration, RedisMessageListGeneration>());
        // The DPoP replay cache goes through Redis, with an atomic add: a proof one replica accepted is refused by every other.
        services.AddSingleton<IDistributedCacheAddIfAbsent, RedisAddIfAbsent>();
        services.AddDistributedDpopReplayCache();
        return services;
    }
}
