using Microsoft.AspNetCore.Authorization;

namespace ResourceApi.Telemetry;

public static class ScopeDenialMetricsExtensions
{
    /// <summary>Wraps the registered authorization result handler (the scope policies' one) to count scope denials. Call after <c>AddScopeAuthorization</c>.</summary>
    public static IServiceCollection AddScopeDenialMetrics(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler))
            ?? throw new InvalidOperationException("AddScopeDenialMetrics wraps the scope policies' result handler: call AddScopeAuthorization first.");
        services.Remove(registered);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new ScopeDenialMetrics(
            registered.ImplementationInstance as IAuthorizationMiddlewareResultHandler
                ?? (IAuthorizationMiddlewareResultHandler)(registered.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScopePolicies.ScopeClaimOptions>>()));
        return services;
    }
}
