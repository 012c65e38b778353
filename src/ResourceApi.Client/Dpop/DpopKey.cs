using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.Client.Settings;

namespace ResourceApi.Client.Dpop;

/// <summary>
/// The one P-256 key this process binds its tokens to (RFC 9449), and the proofs it signs: a JWS with
/// <c>typ: dpop+jwt</c>, the public key as <c>jwk</c>, and <c>jti</c>, <c>htm</c>, <c>htu</c>,
/// <c>iat</c>, plus <c>ath</c> (the token's hash) for the API and <c>nonce</c> when a server asked for one.
/// A fresh proof for every request, retries included: the API and the issuer accept each <c>jti</c> once.
/// </summary>
public sealed class DpopKey : IDisposable
{
    public const string ProofType = "dpop+jwt";

    private readonly ECDsa _key;
    private readonly SigningCredentials _credentials;
    private readonly Dictionary<string, object> _publicJwk;
    private readonly TimeProvider _clock;
    // No exp/nbf: a proof's age is judged by the server from iat (RFC 9449 §4.3).
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    private DpopKey(ECDsa key, TimeProvider clock)
    {
        _key = key;
        _clock = clock;
        // No kid: the server must take the key from the proof's jwk, nothing else.
        _credentials = new SigningCredentials(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256)
        {
            // Its own signature-provider cache, as ClientAssertionKey explains: never a provider over a disposed key.
            CryptoProviderFactory = new CryptoProviderFactory(),
        };

        using var publicOnly = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicOnly));
        // The public members only, in RFC 7638 order: the proof must carry no private member.
        _publicJwk = new Dictionary<string, object>
        {
            ["crv"] = jwk.Crv,
            ["kty"] = jwk.Kty,
            ["x"] = jwk.X,
            ["y"] = jwk.Y,
        };
        Thumbprint = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    /// <summary>The key's RFC 7638 thumbprint: the <c>cnf.jkt</c> a token bound to it carries.</summary>
    public string Thumbprint { get; }

    /// <summary>
    /// A proof for one request to <paramref name="url"/> (query and fragment left out, as RFC 9449 §4.2
    /// says), carrying <c>ath</c> when <paramref name="accessToken"/> is given and <c>nonce</c> when
    /// <paramref name="nonce"/> is.
    /// </summary>
    public string CreateProof(HttpMethod method, Uri url, string? accessToken, string? nonce)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        var claims = new Dictionary<string, object>
        {
            ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ["htm"] = method.Method,
            ["htu"] = url.GetLeftPart(UriPartial.Path),
            ["iat"] = _clock.GetUtcNow().ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
        {
            claims["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = ProofType,
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = _publicJwk },
            SigningCredentials = _credentials,
        });
    }

    /// <summary>
    /// The key from <c>Dpop:PrivateKey</c> or <c>Dpop:PrivateKeyFile</c>, or a new one when both are
    /// empty (bound tokens then die with the process, which costs one token request at the next start);
    /// null and a message naming the setting when the key cannot be read or is not P-256.
    /// </summary>
    public static DpopKey? TryLoad(DpopSettings settings, TimeProvider clock, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(settings);
        const string Section = ResourceApiClientSettings.SectionName + ":Dpop";
        problem = null;
        string pem;
        if (!string.IsNullOrWhiteSpace(settings.PrivateKey))
        {
            pem = settings.PrivateKey;
        }
        else if (!string.IsNullOrWhiteSpace(settings.PrivateKeyFile))
        {
            var path = Path.GetFullPath(settings.PrivateKeyFile, AppContext.BaseDirectory);
            if (!File.Exists(path))
            {
                problem = $"{Section}:PrivateKeyFile names '{path}', which does not exist.";
                return null;
            }
            pem = File.ReadAllText(path);
        }
        else
        {
            return new DpopKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), clock);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize == 256 && key.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                return new DpopKey(key, clock);
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // Not an EC private key in PEM: the message below says what is needed.
        }
        key.Dispose();
        problem = $"{Section}:PrivateKey/PrivateKeyFile is not a P-256 EC private key in PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----).";
        return null;
    }

    public void Dispose() => _key.Dispose();
}
