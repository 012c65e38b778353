namespace Company.ItemsApi.Metadata;

/// <summary>
/// This API's RFC 9728 resource identifier: <c>ProtectedResource:Identifier</c>, else the first https entry of
/// <c>Authentication:Schemes:Bearer:ValidAudiences</c>. Read from configuration, never from the request's Host,
/// which the caller chooses.
/// </summary>
public sealed class ResourceIdentifier
{
    public const string SettingKey = "ProtectedResource:Identifier";

    private const string WellKnown = "/.well-known/oauth-protected-resource";

    private ResourceIdentifier(Uri value) => Value = value;

    public Uri Value { get; }

    /// <summary>Where the metadata is served: the well-known suffix, then the identifier's path (RFC 9728 §3.1).</summary>
    public string MetadataPath => WellKnown + Value.AbsolutePath.TrimEnd('/');

    /// <summary>The metadata's absolute URL, for every challenge's <c>resource_metadata</c>.</summary>
    public string MetadataUrl => Value.GetLeftPart(UriPartial.Authority) + MetadataPath;

    public static ResourceIdentifier From(IConfiguration configuration)
    {
        var configured = configuration[SettingKey];
        var candidate = string.IsNullOrWhiteSpace(configured)
            ? configuration.GetSection("Authentication:Schemes:Bearer:ValidAudiences").Get<string[]>()?.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal))
            : configured;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            // Fail closed at start, naming the keys to set.
            throw new InvalidOperationException($"Set {SettingKey}, or an https entry of Authentication:Schemes:Bearer:ValidAudiences: "
                + "the https URL this API names itself by (RFC 9728), with no query or fragment.");
        }
        return new ResourceIdentifier(uri);
    }
}
