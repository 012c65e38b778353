using Microsoft.Extensions.DependencyInjection.Extensions;
using ResourceApi.Telemetry;

namespace ResourceApi.SigningKeys;

public static class SigningKeyServiceExtensions
{
    /// <summary>The bounded key set behind the bearer scheme, its background refresher and its metrics.</summary>
    public static IServiceCollection AddSigningKeys(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuthenticationMetrics>();
        services.TryAddSingleton<SigningKeySourceFactory>();
        services.AddHostedService<KeySetRefresher>();
        services.TryAddSingleton<RefusalSummary>();
        services.AddHostedService(sp => sp.GetRequiredService<RefusalSummary>());

        // JwtBearerHandler logs every exception it passes to AuthenticationFailed as an Error with its
        // stack trace: during an issuer outage, one per request. BearerEvents and SigningKeySource log
        // what an operator needs instead (each refusal at Debug, an outage when it starts and ends).
        services.Configure<LoggerFilterOptions>(o => o.AddFilter("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler", LogLevel.Critical));
        return services;
    }
}
