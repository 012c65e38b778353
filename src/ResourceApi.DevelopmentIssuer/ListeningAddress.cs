using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>The first address the server listens on, as a caller on this machine reaches it.</summary>
public static class ListeningAddress
{
    /// <summary>
    /// Scheme, host and port, without a trailing slash (<c>http://127.0.0.1:5080</c>); a wildcard host
    /// (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) becomes <c>localhost</c>. Null until the server has an address.
    /// </summary>
    public static string? FirstOrigin(IServer server)
    {
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address)
        {
            return null;
        }

        var uri = new UriBuilder(address.Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
