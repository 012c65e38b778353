using System.Globalization;
using System.Runtime.CompilerServices;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using ResourceApi.AccessTokens;

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
    /// OpenTelemetry metrics when configured: an OTLP exporter when <c>Telemetry:OtlpEndpoint</c> is set, a
    /// Prometheus scrape endpoint on a port of its own when <c>Telemetry:PrometheusPort</c> is set (on
    /// <c>Telemetry:PrometheusHost</c>, loopback by default). Neither: nothing is added. Settings that cannot
    /// work stop the app here, naming the key.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = TelemetrySettingsValidator.Read(builder.Configuration);
        if (settings.OtlpEndpoint is null && settings.PrometheusPort is null)
        {
            return builder;
        }

        AddExporters(builder.Services, settings);
        return builder;
    }

    // Never inlined: compiling it loads the OpenTelemetry assemblies, which a process with no exporter
    // configured then never loads.
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
                if (settings.PrometheusPort is { } port)
                {
                    // Anonymous, like the health probes: it shows counts, never a token or a client's data. Its own
                    // listener on its own port, so only who reaches that port (loopback by default) reads it.
                    metrics.AddPrometheusHttpListener(prometheus =>
                    {
                        prometheus.Port = port;
                        prometheus.ScrapeEndpointPath = settings.PrometheusPath;
                        // The exporter makes its prefix a URI, which HttpListener's every-interface wildcard (+) is not.
                        prometheus.ConfigureHttpListener = (_, listener) =>
                        {
                            listener.Prefixes.Clear();
                            listener.Prefixes.Add(ListenerPrefix(settings.PrometheusHost, port, settings.PrometheusPath));
                        };
                    });
                }
            });

    // HttpListener answers only requests whose Host names the prefix's host, except for +, every interface and any Host.
    private static string ListenerPrefix(string host, int port, string path) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{(host == "*" ? "+" : host)}:{port}{path}/");
}
