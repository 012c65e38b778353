namespace ResourceApi.AccessTokens;

/// <summary>
/// What this API checks that <c>JwtBearerOptions</c> has no setting for, bound per scheme from the same
/// section (<c>Authentication:Schemes:{scheme}</c>) by <see cref="AccessTokenOptionsSetup"/>, once per scheme.
/// Defaults live here, in code: a configured list replaces its default rather than merging with it by index.
/// </summary>
public sealed class AccessTokenOptions
{
    public static readonly IReadOnlyList<string> DefaultValidTypes = ["at+jwt", "application/at+jwt"];

    /// <summary><c>scope</c> (RFC 9068, Auth0, Keycloak, Duende, OpenIddict) and <c>scp</c> (Entra ID delegated, Okta).</summary>
    public static readonly IReadOnlyList<string> DefaultScopeClaimTypes = ["scope", "scp"];

    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    // Entra ID issues tokens for 60 to 90 minutes, Keycloak for 5, Duende and OpenIddict for 60, and Auth0's
    // default API token lifetime is 24 hours: a day covers them all.
    public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromHours(24);

    public static readonly TimeSpan LowestMaxTokenLifetime = TimeSpan.FromMinutes(1);

    // Auth0 lets an API's token lifetime be raised to 30 days: the setting can follow it that far.
    public static readonly TimeSpan HighestMaxTokenLifetime = TimeSpan.FromDays(30);

    public static readonly TimeSpan DefaultAutomaticRefreshInterval = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultMaxKeySetAge = TimeSpan.FromHours(1);

    public static readonly TimeSpan DefaultBackchannelTimeout = TimeSpan.FromSeconds(3);

    public const int DefaultMaxMetadataBytes = 256 * 1024;

    /// <summary>Accepted JOSE <c>typ</c> values (RFC 9068); add <c>JWT</c> for issuers that do not emit <c>at+jwt</c>.</summary>
    public IReadOnlyList<string> ValidTypes { get; set; } = DefaultValidTypes;

    /// <summary>Claims that carry granted scopes; add <c>roles</c> (Entra ID) or <c>permissions</c> (Auth0 RBAC).</summary>
    public IReadOnlyList<string> ScopeClaimTypes { get; set; } = DefaultScopeClaimTypes;

    /// <summary>The issuer's dialect (Auth0, EntraId, Keycloak, Duende, OpenIddict); sets the defaults below, which explicit settings override.</summary>
    public IssuerPreset Preset { get; set; } = IssuerPreset.None;

    /// <summary>Claims that name the calling client, first present wins; read once and kept as <c>client_id</c>. A token naming none is refused.</summary>
    public IReadOnlyList<string> ClientIdClaimTypes { get; set; } = DefaultClientIdClaimTypes;

    public static readonly IReadOnlyList<string> DefaultClientIdClaimTypes = ["client_id", "azp", "appid"];

    /// <summary>This API's client id at a Keycloak realm, whose roles in <c>resource_access</c> are its permissions; default the first audience.</summary>
    public string? ResourceClientId { get; set; }

    /// <summary>Entra ID multi-tenant: the <c>tid</c> values whose tokens are accepted.</summary>
    public IReadOnlyList<string> AllowedTenants { get; set; } = [];

    /// <summary>Entra ID multi-tenant: accept every tenant; must be said explicitly.</summary>
    public bool AllowAnyTenant { get; set; }

    /// <summary>Tolerance for clock drift on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = DefaultClockSkew;

    /// <summary>
    /// The longest a token may still be used: one whose <c>exp</c> is further than this (plus <see cref="ClockSkew"/>)
    /// from now is refused. Bounds how long a leaked token works and how long the validated-token cache keeps one.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = DefaultMaxTokenLifetime;

    // The key set's bounds (Keys/SigningKeySource). The first two reuse JwtBearer's own setting
    // names, whose meaning they keep, with defaults that bound how long a withdrawn key is trusted.

    /// <summary>How often the key set is fetched again; a key the issuer withdraws is refused within this.</summary>
    public TimeSpan AutomaticRefreshInterval { get; set; } = DefaultAutomaticRefreshInterval;

    /// <summary>At most one fetch per this interval is caused by tokens naming a key the API has not seen.</summary>
    public TimeSpan RefreshInterval { get; set; } = DefaultRefreshInterval;

    /// <summary>How long the last fetched keys keep validating while the issuer cannot be reached.</summary>
    public TimeSpan MaxKeySetAge { get; set; } = DefaultMaxKeySetAge;

    /// <summary>The longest one fetch of the discovery document and the JWKS may take, both together.</summary>
    public TimeSpan BackchannelTimeout { get; set; } = DefaultBackchannelTimeout;

    /// <summary>The largest discovery document or JWKS accepted, in bytes.</summary>
    public int MaxMetadataBytes { get; set; } = DefaultMaxMetadataBytes;

    /// <summary>The validated-token cache of this scheme (<c>TokenCache:Enabled</c>, <c>TokenCache:MaxEntries</c>).</summary>
    public TokenCacheOptions TokenCache { get; set; } = new();

    /// <summary>DPoP-bound tokens (RFC 9449) at this scheme (<c>Dpop:Mode</c>, <c>Dpop:ProofMaxAge</c>, <c>Dpop:RequireNonce</c>...).</summary>
    public DpopOptions Dpop { get; set; } = new();

    /// <summary>
    /// For an issuer whose URL is known only once the app runs (an in-process development issuer on a port
    /// assigned at start): asked at each key fetch and when choosing a token's scheme by its <c>iss</c>, in place
    /// of <c>Authority</c>. Set in code, never from configuration; may throw while the URL is not known yet,
    /// which counts as a failed fetch.
    /// </summary>
    public Func<string>? AuthorityProvider { get; set; }

    /// <summary>What <see cref="AuthorityProvider"/> says now; null when there is none or it cannot say yet.</summary>
    internal string? ProvidedAuthority()
    {
        try
        {
            return AuthorityProvider?.Invoke();
        }
#pragma warning disable CA1031 // Whatever the provider throws means the same: no authority known yet.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
