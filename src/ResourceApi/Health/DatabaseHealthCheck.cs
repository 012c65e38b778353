using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResourceApi.Messages;

namespace ResourceApi.Health;

/// <summary>Ready when the messages database answers a connection (EF Core's CanConnect: false, not an exception, when it does not).</summary>
internal sealed class DatabaseHealthCheck(ResourceDbContext db, DatabaseInfo database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"The messages database ({database.Provider}) is reachable.")
            : HealthCheckResult.Unhealthy($"The messages database ({database.Provider}) cannot be reached.");
}
