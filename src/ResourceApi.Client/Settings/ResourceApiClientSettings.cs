namespace ResourceApi.Client.Settings;

/// <summary>The <c>ResourceApiClient</c> section: where the issuer and the API are, who this client is, and the bounds on every wait.</summary>
public sealed class ResourceApiClientSettings
{
    public const string SectionName = "ResourceApiClient";

    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";

    public const string AudienceParameterName = "audience";
    public const string ResourceParameterName = "resource";

    /// <summary>The issuer; its token endpoint comes from its discovery document.</summary>
    public Uri? Authority { get; set; }

    public Uri? ApiBaseUrl { get; set; }

    public string? ClientId { get; set; }

    /// <summary><c>client_secret_basic</c>, <c>client_secret_post</c> or <c>private_key_jwt</c>.</summary>
    public string ClientAuthentication { get; set; } = ClientSecretBasic;

    public string? ClientSecret { get; set; }

    /// <summary>The private key in PEM, for <c>private_key_jwt</c>; or <see cref="PrivateKeyFile"/>.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A PEM file holding the private key; relative paths start at the app's folder.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The <c>kid</c> of client assertions. Empty: the key's RFC 7638 thumbprint.</summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// The <c>aud</c> of client assertions: <c>issuer</c> (Auth0, Keycloak, OpenIddict) or
    /// <c>token_endpoint</c> (Entra ID).
    /// </summary>
    public string ClientAssertionAudience { get; set; } = "issuer";

    /// <summary>The API's identifier, the <c>aud</c> the API accepts.</summary>
    public string? Audience { get; set; }

    /// <summary><c>audience</c> (Auth0) or <c>resource</c> (RFC 8707).</summary>
    public string AudienceParameter { get; set; } = AudienceParameterName;

    /// <summary>Empty: whatever the issuer grants by default.</summary>
    public string[] Scopes { get; set; } = [];

    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The bound on getting a token: discovery and token request, retries included.</summary>
    public TimeSpan IssuerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The bound on one API call, retries included.</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After the API refuses a token (401 <c>invalid_token</c>), a new one is asked for at most once per
    /// this long: an API that refuses every token costs one token request per cooldown, not one per call.
    /// </summary>
    public TimeSpan RefusedTokenCooldown { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>Dpop</c> subsection: sender-constrained tokens (RFC 9449).</summary>
    public DpopSettings Dpop { get; set; } = new();

    public bool UsesPrivateKey => ClientAuthentication == PrivateKeyJwt;
}
