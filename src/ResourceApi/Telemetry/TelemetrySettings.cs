namespace ResourceApi.Telemetry;

/// <summary>OpenTelemetry export, section <c>Telemetry</c>. Both exporters off by default.</summary>
public sealed class TelemetrySettings
{
    public const string SectionName = "Telemetry";

    /// <summary>Where the scrape listener binds when <see cref="PrometheusHost"/> is not set.</summary>
    public const string DefaultPrometheusHost = "127.0.0.1";

    /// <summary>An OTLP endpoint (e.g. http://otel-collector:4317): metrics are exported there when set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>
    /// The port of the Prometheus scrape endpoint, served by a listener of its own at <see cref="PrometheusPath"/>
    /// and never on the API's port, where it would answer anyone who can call the API. Unset: no scrape endpoint.
    /// </summary>
    public int? PrometheusPort { get; set; }

    /// <summary>
    /// Where the scrape listener binds: a loopback address by default, so only a scraper on the same machine
    /// (a sidecar, a node agent) reads it. An interface address, or <c>*</c> for every interface, exposes the
    /// anonymous counts to that network, so it is a choice to make explicitly. The listener answers only
    /// requests whose Host names this host (any, for <c>*</c>): scrape <c>127.0.0.1:{port}</c>, not <c>localhost:{port}</c>.
    /// </summary>
    public string PrometheusHost { get; set; } = DefaultPrometheusHost;

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Replaced by <see cref="PrometheusPort"/>: this once served the scrape endpoint on the API's own port.
    /// True with no port stops the app at start, rather than silently dropping the metrics a scraper expects.
    /// </summary>
    public bool PrometheusEnabled { get; set; }
}
