namespace ResourceApi.Health;

public static class ReadinessChecks
{
    public const string Tag = "ready";

    /// <summary>What <c>/health/ready</c> checks: the bearer scheme's signing keys and the database.</summary>
    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddCheck<SigningKeysHealthCheck>("signing_keys", tags: [Tag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [Tag]);
    }
}
