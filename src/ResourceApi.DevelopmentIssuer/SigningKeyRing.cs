using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The issuer's signing keys, kept in the data folder so tokens issued before a restart still
/// validate after it. The first key signs; the one before it stays published in the JWKS so tokens
/// it signed keep validating until they expire (rotation overlap).
/// </summary>
public sealed partial class SigningKeyRing
{
    // The current key and the one it replaced: enough overlap for tokens that live an hour.
    private const int KeysKept = 2;

    public SigningKeyRing(IOptions<DevelopmentIssuerSettings> options, IWebHostEnvironment environment, ILogger<SigningKeyRing> logger)
    {
        var settings = options.Value;
        var path = Path.Combine(settings.DataPath(environment.ContentRootPath), SigningKeyFile.FileName);
        var file = SigningKeyFile.Read(path);

        var current = file.Keys.FirstOrDefault();
        if (current is null || settings.RotateSigningKey || current.Algorithm != settings.SigningAlgorithm)
        {
            var created = Create(settings.SigningAlgorithm);
            file = new SigningKeyFile([created, .. file.Keys.Take(KeysKept - 1)]);
            file.Write(path);
            if (current is null)
            {
                LogCreated(logger, created.Kid, created.Algorithm, path);
            }
            else
            {
                LogRotated(logger, created.Kid, created.Algorithm, current.Kid);
            }
        }

        Keys = [.. file.Keys.Select(ToSigningCredentials)];
    }

    /// <summary>Newest first; the first one signs.</summary>
    public IReadOnlyList<SigningCredentials> Keys { get; }

    private static StoredSigningKey Create(string algorithm)
    {
        var kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        using AsymmetricAlgorithm key = algorithm == DevelopmentIssuerSettings.Es256
            ? ECDsa.Create(ECCurve.NamedCurves.nistP256)
            : RSA.Create(2048);
        return new StoredSigningKey(kid, algorithm, DateTimeOffset.UtcNow, key.ExportPkcs8PrivateKeyPem());
    }

    private static SigningCredentials ToSigningCredentials(StoredSigningKey stored)
    {
        if (stored.Algorithm == DevelopmentIssuerSettings.Es256)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(stored.PrivateKeyPem);
            return new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = stored.Kid }, SecurityAlgorithms.EcdsaSha256);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(stored.PrivateKeyPem);
        return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = stored.Kid }, SecurityAlgorithms.RsaSha256);
    }

    // Key ids only: never key material.
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Development issuer: created signing key {Kid} ({Algorithm}) in {Path}.")]
    private static partial void LogCreated(ILogger logger, string kid, string algorithm, string path);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Development issuer: signing with new key {Kid} ({Algorithm}); previous key {PreviousKid} is still published for tokens it signed.")]
    private static partial void LogRotated(ILogger logger, string kid, string algorithm, string previousKid);
}
