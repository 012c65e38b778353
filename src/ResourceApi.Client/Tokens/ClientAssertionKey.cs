using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.Client.Settings;

namespace ResourceApi.Client.Tokens;

/// <summary>
/// The client's private key, and the RFC 7523 client assertions it signs for <c>private_key_jwt</c>:
/// a short-lived JWT with iss = sub = the client id, aud = the issuer (or its token endpoint), and a
/// fresh jti. The private key never leaves this process, and there is no shared secret to leak.
/// </summary>
public sealed class ClientAssertionKey : IDisposable
{
    // Long enough for a slow network, short enough that a captured assertion is soon worthless.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly AsymmetricAlgorithm _key;
    private readonly SigningCredentials _credentials;

    private ClientAssertionKey(AsymmetricAlgorithm key, SecurityKey securityKey, string algorithm, string? keyId)
    {
        _key = key;
        securityKey.KeyId = string.IsNullOrWhiteSpace(keyId)
            ? Base64UrlEncoder.Encode(securityKey.ComputeJwkThumbprint())
            : keyId;
        _credentials = new SigningCredentials(securityKey, algorithm)
        {
            // Its own signature-provider cache: the shared default one is keyed by the key's thumbprint, so
            // after this instance is disposed, another instance of the same key would get a provider over
            // this disposed one.
            CryptoProviderFactory = new CryptoProviderFactory(),
        };
    }

    /// <summary>
    /// The explicit type of draft-ietf-oauth-rfc7523bis, for assertions whose audience is the issuer:
    /// it cannot be mistaken for another JWT signed with the same key. OpenIddict 7 requires it.
    /// </summary>
    public const string ExplicitType = "client-authentication+jwt";

    /// <summary>RFC 7523 as first written (audience: the token endpoint), as Entra ID documents it.</summary>
    public const string ClassicType = "JWT";

    public string KeyId => _credentials.Key.KeyId;

    public string Sign(string clientId, string audience, string type)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = _credentials,
            TokenType = type,
        });
    }

    /// <summary>Reads <c>PrivateKey</c> or <c>PrivateKeyFile</c> (RSA: RS256; EC P-256: ES256); null and a message naming the key when it cannot.</summary>
    public static ClientAssertionKey? TryLoad(ResourceApiClientSettings settings, out string? problem)
    {
        const string Section = ResourceApiClientSettings.SectionName;
        string pem;
        if (!string.IsNullOrWhiteSpace(settings.PrivateKey))
        {
            pem = settings.PrivateKey;
        }
        else
        {
            var path = Path.GetFullPath(settings.PrivateKeyFile ?? "", AppContext.BaseDirectory);
            if (!File.Exists(path))
            {
                problem = $"{Section}:PrivateKeyFile names '{path}', which does not exist.";
                return null;
            }
            pem = File.ReadAllText(path);
        }

        problem = null;
        if (Import(RSA.Create(), pem) is RSA rsa)
        {
            return new ClientAssertionKey(rsa, new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256, settings.KeyId);
        }
        if (Import(ECDsa.Create(), pem) is ECDsa ec)
        {
            if (ec.KeySize == 256)
            {
                return new ClientAssertionKey(ec, new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256, settings.KeyId);
            }
            ec.Dispose();
        }

        problem = $"{Section}:PrivateKey/PrivateKeyFile is not an RSA or P-256 EC private key in PEM (-----BEGIN PRIVATE KEY-----).";
        return null;
    }

    // A PKCS#8 "PRIVATE KEY" can hold either kind: the import that succeeds says which.
    private static AsymmetricAlgorithm? Import(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    public void Dispose() => _key.Dispose();
}
