using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ResourceApi.Authentication;

/// <summary>Where a scheme's discovery document is, and the client that fetches it and the JWKS.</summary>
public static class IssuerMetadata
{
    public const string OpenIdConfigurationPath = ".well-known/openid-configuration";

    /// <summary>The discovery document's URL: <c>MetadataAddress</c>, else <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public static string? AddressOf(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.MetadataAddress))
        {
            return options.MetadataAddress;
        }
        return string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority.TrimEnd('/') + "/" + OpenIdConfigurationPath;
    }

    /// <summary>Plain http is tolerated only for an issuer on this machine.</summary>
    public static bool IsLoopback(string? address) => Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>
    /// The metadata client for <paramref name="address"/>, with the scheme's backchannel and refresh
    /// settings; it requires https for anything but a loopback issuer, whatever the settings say.
    /// </summary>
    public static ConfigurationManager<OpenIdConnectConfiguration> CreateManager(JwtBearerOptions options, string address)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Backchannel ??= CreateBackchannel(options);
        return new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(options.Backchannel) { RequireHttps = !IsLoopback(address) })
        {
            RefreshInterval = options.RefreshInterval,
            AutomaticRefreshInterval = options.AutomaticRefreshInterval,
        };
    }

    private static HttpClient CreateBackchannel(JwtBearerOptions options)
    {
        var client = new HttpClient(options.BackchannelHttpHandler ?? new HttpClientHandler())
        {
            Timeout = options.BackchannelTimeout,
            MaxResponseContentBufferSize = 1024 * 1024,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ResourceApi");
        return client;
    }
}
