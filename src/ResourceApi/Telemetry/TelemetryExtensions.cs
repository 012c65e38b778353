using System.Runtime.CompilerServices;
using OpenTelemetry.Metrics;
using ResourceApi.AccessTokens;
using OpenTelemetry.Resources;

namespace ResourceApi.Telemetry;

public static class TelemetryExtensions
{
    // This API's meter and ASP.NET Core's own: requests, connections, authentication, authorization.
    private static readonly string[] Meters =
    [
        AuthenticationMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
    ];

    /// <summary>
    /// OpenTelemetry metrics when configured: an OTLP exporter when <c>Telemetry:OtlpEndpoint</c> is set,
    /// a Prometheus scrape endpoint when <c>Telemetry:PrometheusEnabled</c> is true. Neither: nothing is added.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new TelemetrySettings();
        builder.Services.AddSingleton(settings);
        if (settings.OtlpEndpoint is null && !settings.PrometheusEnabled)
        {
            return builder;
        }

        AddExporters(builder.Services, settings);
        return builder;
    }

    // Never inlined, like MapPrometheus: compiling either loads the OpenTelemetry assemblies, which a
    // process with no exporter configured then never loads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddExporters(IServiceCollection services, TelemetrySettings settings) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ResourceApi"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (settings.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
                }
                if (settings.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });

    /// <summary>
    /// The Prometheus scrape endpoint, when enabled. Anonymous, like the health probes: it shows counts,
    /// never a token or a client's data; keep it on a network only the scraper reaches.
    /// </summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var settings = routes.ServiceProvider.GetRequiredService<TelemetrySettings>();
        if (settings.PrometheusEnabled)
        {
            MapPrometheus(routes, settings.PrometheusPath);
        }
        return routes;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MapPrometheus(IEndpointRouteBuilder routes, string path) =>
        routes.MapPrometheusScrapingEndpoint(path).AllowAnonymous();
}
