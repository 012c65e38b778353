namespace ResourceApi.Telemetry;

/// <summary>OpenTelemetry export, section <c>Telemetry</c>. Both off by default.</summary>
public sealed class TelemetrySettings
{
    public const string SectionName = "Telemetry";

    /// <summary>An OTLP endpoint (e.g. http://otel-collector:4317): metrics are exported there when set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Serves a Prometheus scrape endpoint at <see cref="PrometheusPath"/>.</summary>
    public bool PrometheusEnabled { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";
}
