using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResourceApi.Messages;

namespace ResourceApi.Health;

/// <summary>Ready when the messages database answers a connection.</summary>
internal sealed class DatabaseHealthCheck(ResourceDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The messages database is reachable.")
            : HealthCheckResult.Unhealthy("The messages database cannot be opened.");
}
