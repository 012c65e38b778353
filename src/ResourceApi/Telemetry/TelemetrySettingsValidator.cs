using System.Globalization;
using Microsoft.Extensions.Options;

namespace ResourceApi.Telemetry;

/// <summary>
/// Stops the app at start when the telemetry settings cannot work, naming the key to fix. Read while the
/// services are chosen (<see cref="Read"/>), since these settings decide whether OpenTelemetry is loaded at all.
/// </summary>
internal static class TelemetrySettingsValidator
{
    private const string Section = TelemetrySettings.SectionName;
    private const string Port = Section + ":" + nameof(TelemetrySettings.PrometheusPort);

    /// <summary>The <c>Telemetry</c> section, bound and checked; an <see cref="OptionsValidationException"/> naming each key that cannot work.</summary>
    public static TelemetrySettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        // Checked before binding, whose own message for a port that is no number is about Nullable`1.
        if (section[nameof(TelemetrySettings.PrometheusPort)] is { Length: > 0 } raw && !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TelemetrySettings), [PortMessage(raw)]);
        }
        var settings = section.Get<TelemetrySettings>() ?? new TelemetrySettings();
        var errors = Problems(settings);
        return errors.Count > 0 ? throw new OptionsValidationException(Options.DefaultName, typeof(TelemetrySettings), errors) : settings;
    }

    private static List<string> Problems(TelemetrySettings options)
    {
        var errors = new List<string>();
        if (options.PrometheusPort is { } port && port is < 1 or > 65535)
        {
            errors.Add(PortMessage(port.ToString(CultureInfo.InvariantCulture)));
        }
        if (options.PrometheusEnabled && options.PrometheusPort is null)
        {
            errors.Add($"{Section}:PrometheusEnabled is true, but the scrape endpoint is no longer served on the API's own port, where anyone who can call the API reads it. "
                + $"Set {Port} (environment: Telemetry__PrometheusPort) to a port of its own, e.g. 9464, and remove {Section}:PrometheusEnabled.");
        }
        if (options.PrometheusPort is not null && !IsHost(options.PrometheusHost))
        {
            errors.Add($"{Section}:PrometheusHost must be a host name or an IPv4 address to listen on (default {TelemetrySettings.DefaultPrometheusHost}), or * for every interface; got '{options.PrometheusHost}'.");
        }
        if (options.PrometheusPort is not null && !IsPath(options.PrometheusPath))
        {
            errors.Add($"{Section}:PrometheusPath must be a path such as /metrics; got '{options.PrometheusPath}'.");
        }
        return errors;
    }

    private static string PortMessage(string got) =>
        $"{Port} must be a TCP port number between 1 and 65535, other than the API's own, e.g. 9464; got '{got}'.";

    // What HttpListener takes as a prefix's host. Not 0.0.0.0: it would bind every interface yet answer only
    // requests whose Host says 0.0.0.0, which is what * is for. Not an IPv6 literal, which HttpListener on Linux refuses.
    private static bool IsHost(string? host) =>
        host is "*" || (Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 && host != "0.0.0.0");

    private static bool IsPath(string? path) =>
        path is { Length: > 1 } && path[0] == '/' && !path.EndsWith('/') && Uri.IsWellFormedUriString(path, UriKind.Relative) && !path.Contains('?', StringComparison.Ordinal) && !path.Contains('#', StringComparison.Ordinal);
}
