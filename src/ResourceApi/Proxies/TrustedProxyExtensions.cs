using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ResourceApi.Proxies;

public static class TrustedProxyExtensions
{
    /// <summary>
    /// Behind a reverse proxy that terminates TLS, <c>ForwardedHeaders:Enabled=true</c> makes each request
    /// report the scheme and client address the proxy saw (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-For</c>),
    /// believed only from <c>KnownProxies</c> / <c>KnownNetworks</c> (loopback when neither is set).
    /// <c>X-Forwarded-Host</c> is never read: nothing here is derived from the host a caller names.
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            var proxies = settings.Value;
            if (!proxies.Enabled)
            {
                return;
            }
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.KnownProxies.Length > 0 || proxies.KnownNetworks.Length > 0)
            {
                // The configured proxies replace the loopback default.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
                foreach (var network in proxies.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the request as the proxy received it.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled ? app.UseForwardedHeaders() : app;
}
