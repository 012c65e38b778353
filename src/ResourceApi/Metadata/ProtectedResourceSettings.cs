namespace ResourceApi.Metadata;

/// <summary>The <c>ProtectedResource</c> section: the URL this API names itself by (RFC 9728) and how long its metadata may be cached.</summary>
public sealed class ProtectedResourceSettings
{
    public const string SectionName = "ProtectedResource";

    /// <summary>The identifier's configuration key, for messages that name it.</summary>
    public const string IdentifierKey = SectionName + ":" + nameof(Identifier);

    public static readonly TimeSpan DefaultMetadataMaxAge = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxMetadataMaxAge = TimeSpan.FromDays(1);

    /// <summary>
    /// The resource identifier: the metadata's <c>resource</c>, the base of its well-known URL and of every
    /// challenge's <c>resource_metadata</c>, and the RFC 8707 <c>resource</c> a client asks a token for, so
    /// it should be an audience the API accepts (a warning at start when it is not). Outside Development an
    /// absolute https URL; when empty there, the first https audience the trusted issuers accept
    /// (<see cref="ProtectedResourceSettingsSetup"/>), and with none, no metadata at all: tokens are validated
    /// the same, the metadata path answers 404 and challenges carry no <c>resource_metadata</c>.
    /// </summary>
    public string? Identifier { get; set; }

    /// <summary>The metadata response's <c>Cache-Control: public, max-age</c>.</summary>
    public TimeSpan MetadataMaxAge { get; set; } = DefaultMetadataMaxAge;

    /// <summary>
    /// Development only: the identifier when none is configured, i.e. the first address the app listens on.
    /// Known only once the server listens, so it is asked when the identifier is first needed.
    /// </summary>
    internal Func<string?>? DevelopmentDefault { get; set; }
}
