namespace ResourceApi.Client.Settings;

/// <summary>
/// <c>ResourceApiClient:Dpop</c>: DPoP (RFC 9449). On, the client asks the issuer for tokens bound to a
/// P-256 key it holds and signs a fresh proof with that key for every token request and every API call,
/// so a token copied out of a log or a proxy is worthless without the key.
/// </summary>
public sealed class DpopSettings
{
    public bool Enabled { get; set; }

    /// <summary>The P-256 private key in PEM; or <see cref="PrivateKeyFile"/>. Neither: a new key per process.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A PEM file holding the P-256 private key; relative paths start at the app's folder.</summary>
    public string? PrivateKeyFile { get; set; }
}
