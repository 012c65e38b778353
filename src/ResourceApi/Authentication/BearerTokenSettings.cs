namespace ResourceApi.Authentication;

/// <summary>
/// The bearer settings this API reads from <c>Authentication:Schemes:Bearer</c>, the section the
/// framework's JwtBearer binds itself. Only what the framework does not already bind is added here.
/// </summary>
public sealed class BearerTokenSettings
{
    public const string SectionName = "Authentication:Schemes:Bearer";

    public static readonly string[] DefaultValidTypes = ["at+jwt", "application/at+jwt"];

    public static readonly string[] DefaultScopeClaimTypes = ["scope", "scp"];

    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The issuer's base URL; its metadata is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>An explicit metadata document URL, for issuers whose metadata is not under the authority.</summary>
    public string? MetadataAddress { get; set; }

    public string? ValidAudience { get; set; }

    public string[]? ValidAudiences { get; set; }

    /// <summary>Null means: true, except for a loopback authority.</summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>Tolerance for clock drift on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan? ClockSkew { get; set; }

    /// <summary>Accepted JOSE <c>typ</c> values; add <c>JWT</c> for issuers that do not emit RFC 9068 tokens.</summary>
    public string[]? ValidTypes { get; set; }

    /// <summary>Claims that carry granted scopes; add <c>roles</c> (Entra ID) or <c>permissions</c> (Auth0 RBAC).</summary>
    public string[]? ScopeClaimTypes { get; set; }

    public IReadOnlyList<string> Audiences =>
        [.. (ValidAudiences ?? []).Append(ValidAudience).OfType<string>().Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> EffectiveValidTypes => ValidTypes is { Length: > 0 } ? ValidTypes : DefaultValidTypes;

    public IReadOnlyList<string> EffectiveScopeClaimTypes => ScopeClaimTypes is { Length: > 0 } ? ScopeClaimTypes : DefaultScopeClaimTypes;

    public TimeSpan EffectiveClockSkew => ClockSkew ?? DefaultClockSkew;

    /// <summary>The URL keys are discovered from.</summary>
    public string? DiscoveryAddress => string.IsNullOrWhiteSpace(MetadataAddress) ? Authority : MetadataAddress;

}
