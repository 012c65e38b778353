using Microsoft.AspNetCore.Hosting.Server;
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

        var origin = ListeningAddress.FirstOrigin(server)
            ?? throw new InvalidOperationException(
                $"The development issuer's URL is not known yet: the server has no address. Set {DevelopmentIssuerSettings.SectionName}:Issuer, or ask for it only after the app has started.");
        return WithTrailingSlash(origin);
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
