using ResourceApi.AccessTokens;

namespace ResourceApi.Health;

public static class ReadinessChecks
{
    /// <summary>The readiness probe's tag, the one the access-token library gives each scheme's signing-key check.</summary>
    public const string Tag = AccessTokenValidationExtensions.ReadinessTag;

    /// <summary>
    /// What <c>/health/ready</c> checks besides each trusted issuer's signing keys (<c>signing_keys:{scheme}</c>,
    /// registered by the access-token library): the database.
    /// </summary>
    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<DatabaseHealthCheck>("database", tags: [Tag]);
    }
}
