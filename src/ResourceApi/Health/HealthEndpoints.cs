using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ResourceApi.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// Orchestrator probes, anonymous by design, with JSON bodies: <c>/health/live</c> (the process
    /// answers; runs no check), <c>/health/ready</c> (signing keys loaded and fresh, database reachable;
    /// 503 when not) and <c>/health</c>, kept as it was: liveness, plain text.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync };
        // As before: plain "Healthy", for load balancers and the load benchmark's anonymous case.
        routes.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().WithTags("Health");
        routes.MapHealthChecks("/health/live", live).AllowAnonymous().WithTags("Health");
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessChecks.Tag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous().WithTags("Health");
        return routes;
    }
}
