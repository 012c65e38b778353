using ResourceApi.AccessTokens;
using ResourceApi.Replicas;

namespace ResourceApi.Health;

public static class ReadinessChecks
{
    /// <summary>The readiness probe's tag, the one the access-token library gives each scheme's signing-key check.</summary>
    public const string Tag = AccessTokenValidationExtensions.ReadinessTag;

    /// <summary>
    /// A check that does not answer within this is unhealthy: a probe must answer before the load balancer's
    /// own timeout, even when a server drops packets instead of refusing the connection.
    /// </summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What <c>/health/ready</c> checks besides each trusted issuer's signing keys (<c>signing_keys:{scheme}</c>,
    /// registered by the access-token library): the database, and Redis when <c>ConnectionStrings:Redis</c> is set.
    /// </summary>
    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddCheck<DatabaseHealthCheck>("database", tags: [Tag], timeout: CheckTimeout);
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(SharedCacheExtensions.ConnectionStringName)))
        {
            builder.AddCheck<RedisHealthCheck>("redis", tags: [Tag], timeout: CheckTimeout);
        }
        return builder;
    }
}
