using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace ResourceApi.Metadata;

/// <summary>
/// This API's resource identifier (RFC 9728 §1.2), as configured, and the URLs derived from it: where
/// its metadata is served and what every challenge's <c>resource_metadata</c> says. Never the request's
/// <c>Host</c>, which the caller chooses: a client compares the metadata's <c>resource</c> with the URL it
/// derived the metadata URL from, then asks for a token for it, which the API must accept.
/// </summary>
public sealed class ResourceIdentifier
{
    /// <summary>RFC 9728 §3's well-known URI suffix.</summary>
    public const string WellKnownPath = "/.well-known/oauth-protected-resource";

    private readonly ProtectedResourceSettings _settings;
    private string? _value;

    public ResourceIdentifier(IOptions<ProtectedResourceSettings> settings)
    {
        _settings = settings.Value;
        // A Development default is the address the app listens on, which has no path.
        var path = PathOf(_settings.Identifier ?? "");
        MetadataPath = WellKnownPath + (path == "/" ? "" : path);
    }

    /// <summary>
    /// False outside Development when no identifier is configured and no accepted audience is an https URL:
    /// then the API publishes no RFC 9728 metadata and its challenges name none. Tokens are validated all the same.
    /// </summary>
    public bool IsConfigured => _settings.Identifier is not null || _settings.DevelopmentDefault is not null;

    /// <summary>The identifier, exactly as configured (in Development with none configured, the first address the app listens on).</summary>
    /// <exception cref="InvalidOperationException">None configured (<see cref="IsConfigured"/> is false), or in Development the server listens nowhere yet.</exception>
    public string Value => TryGetValue(out var value)
        ? value
        : throw new InvalidOperationException(
            $"This API's resource identifier is not known: {ProtectedResourceSettings.IdentifierKey} is empty"
            + (IsConfigured ? " and the server reports no address it listens on yet" : " and no audience the API accepts is an https URL")
            + $". Set {ProtectedResourceSettings.IdentifierKey}.");

    /// <summary>
    /// Where the metadata is served: <c>/.well-known/oauth-protected-resource</c> followed by the
    /// identifier's path, e.g. <c>/.well-known/oauth-protected-resource/orders</c> for <c>https://api.example.com/orders</c>
    /// (RFC 9728 §3.1; a lone terminating <c>/</c> is dropped).
    /// </summary>
    public string MetadataPath { get; }

    /// <summary>The metadata's absolute URL, for <c>resource_metadata</c>: the identifier's scheme and host, then <see cref="MetadataPath"/>.</summary>
    public string MetadataUrl
    {
        get
        {
            var value = Value;
            return value[..(value.Length - PathOf(value).Length)] + MetadataPath;
        }
    }

    /// <summary>The identifier, or false while it is not known: none configured, or in Development before the server listens.</summary>
    public bool TryGetValue([NotNullWhen(true)] out string? value)
    {
        value = _value ??= _settings.Identifier ?? _settings.DevelopmentDefault?.Invoke();
        return value is not null;
    }

    /// <summary>The path of an absolute URL with neither query nor fragment, as written: <c>""</c>, <c>"/"</c> or <c>"/orders"</c>.</summary>
    internal static string PathOf(string url)
    {
        var authority = url.IndexOf("://", StringComparison.Ordinal);
        var path = authority < 0 ? -1 : url.IndexOf('/', authority + 3);
        return path < 0 ? "" : url[path..];
    }
}
