using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The one issuer URL used for <c>iss</c>, the metadata and the API's authority. OpenIddict would
/// otherwise take it from each request's host, and a token fetched via localhost would not match
/// metadata fetched via 127.0.0.1. Computed on first use, once the server listens and its port is known.
/// </summary>
public sealed class IssuerUrl(IServer server, IOptions<DevelopmentIssuerSettings> settings)
{
    private readonly Lazy<Uri> _value = new(() => Compute(server, settings.Value));

    public Uri Value => _value.Value;

    private static Uri Compute(IServer server, DevelopmentIssuerSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.Issuer))
        {
            return WithTrailingSlash(settings.Issuer);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"The development issuer's URL is not known yet: the server has no address. Set {DevelopmentIssuerSettings.SectionName}:Issuer, or ask for it only after the app has started.");

        // A wildcard host means "every interface"; callers on this machine reach it as localhost.
        var uri = new UriBuilder(address.Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }
        return WithTrailingSlash(uri.Uri.GetLeftPart(UriPartial.Authority));
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
