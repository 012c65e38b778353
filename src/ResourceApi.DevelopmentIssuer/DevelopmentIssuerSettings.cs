namespace ResourceApi.DevelopmentIssuer;

/// <summary>The <c>DevelopmentIssuer</c> configuration section: demo clients, signing and where state is kept.</summary>
public sealed class DevelopmentIssuerSettings
{
    public const string SectionName = "DevelopmentIssuer";

    public const string Rs256 = "RS256";
    public const string Es256 = "ES256";

    /// <summary>
    /// The issuer URL (<c>iss</c>). Empty: the first address the server listens on, so tokens and
    /// metadata agree whatever host name a caller uses.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>RS256 (default) or ES256.</summary>
    public string SigningAlgorithm { get; set; } = Rs256;

    /// <summary>True: sign with a new key from this start on; the previous key stays in the JWKS.</summary>
    public bool RotateSigningKey { get; set; }

    /// <summary>Holds the signing keys and the client database; relative to the content root.</summary>
    public string DataFolder { get; set; } = "App_Data";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Demo clients by client id.</summary>
    public Dictionary<string, DevelopmentClient> Clients { get; set; } = new(StringComparer.Ordinal);

    public string DataPath(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataFolder));
}

/// <summary>One confidential client of the development issuer: it authenticates with a secret, a key, or either.</summary>
public sealed class DevelopmentClient
{
    public string? Secret { get; set; }

    /// <summary>
    /// A public key in PEM (RSA or EC, <c>-----BEGIN PUBLIC KEY-----</c>): the client may then
    /// authenticate with a JWT signed by its private key (<c>private_key_jwt</c>, RFC 7523) instead of a secret.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>Every scope the client may get; a token request without <c>scope</c> gets all of them.</summary>
    public string[] Scopes { get; set; } = [];

    public string? DisplayName { get; set; }
}
