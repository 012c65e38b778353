namespace ResourceApi.Health;

public static class HealthEndpoints
{
    /// <summary>Liveness for load balancers and orchestrators: anonymous by design, reveals nothing.</summary>
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapHealthChecks("/health").AllowAnonymous().WithTags("Health");
}
