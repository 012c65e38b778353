namespace ResourceApi.Proxies;

/// <summary>
/// The <c>ForwardedHeaders</c> section: whether the API sits behind a reverse proxy that terminates TLS,
/// and which proxies it believes. Off by default, so nothing a caller sends in <c>X-Forwarded-*</c> counts.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Read <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> from the proxies below.</summary>
    public bool Enabled { get; set; }

    /// <summary>Proxy addresses (e.g. <c>10.0.0.5</c>). With neither list, only a proxy on this machine (loopback) is believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (e.g. <c>10.0.0.0/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];
}
