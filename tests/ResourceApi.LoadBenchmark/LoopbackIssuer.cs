using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.LoadBenchmark;

/// <summary>
/// An issuer's public face on 127.0.0.1: discovery document and JWKS (each JWKS request counted), and
/// the private keys to mint RFC 9068 access tokens the API accepts.
/// </summary>
internal sealed class LoopbackIssuer : IAsyncDisposable
{
    public const string Audience = "https://resource-api.bench";
    public const string AllScopes = "read:messages write:messages";

    private readonly WebApplication _app;
    private int _jwksRequests;

    private LoopbackIssuer(WebApplication app) => _app = app;

    public RsaSecurityKey Rsa { get; } = new(RSA.Create(2048)) { KeyId = "bench-rs256" };

    public ECDsaSecurityKey Ec { get; } = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "bench-es256" };

    /// <summary>Never published; tokens it signs name <see cref="Rsa"/>'s kid, so they fail on the signature alone.</summary>
    private RsaSecurityKey Impostor { get; } = new(RSA.Create(2048)) { KeyId = "bench-rs256" };

    /// <summary>http://127.0.0.1:port, no trailing slash: the API's Authority.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The exact <c>iss</c>, as the discovery document states it.</summary>
    public string Issuer => BaseUrl + "/";

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<LoopbackIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new LoopbackIssuer(app);

        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = issuer.BaseUrl + "/.well-known/jwks",
            ["token_endpoint"] = issuer.BaseUrl + "/oauth/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        app.MapGet("/.well-known/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { issuer.RsaJwk(), issuer.EcJwk() } }), "application/json");
        });

        await app.StartAsync();
        issuer.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return issuer;
    }

    public string Mint(string algorithm, string scope = AllScopes) => algorithm switch
    {
        "RS256" => Mint(new SigningCredentials(Rsa, SecurityAlgorithms.RsaSha256), scope),
        "ES256" => Mint(new SigningCredentials(Ec, SecurityAlgorithms.EcdsaSha256), scope),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "RS256 or ES256"),
    };

    /// <summary>Well formed, published kid, right claims, wrong key: refused on the signature check.</summary>
    public string MintInvalidSignature() => Mint(new SigningCredentials(Impostor, SecurityAlgorithms.RsaSha256), AllScopes);

    /// <summary>Distinct RS256 tokens (each its own jti), signed on every core.</summary>
    public string[] MintMany(int count)
    {
        var tokens = new string[count];
        Parallel.For(0, count, i => tokens[i] = Mint("RS256"));
        return tokens;
    }

    private string Mint(SigningCredentials credentials, string scope)
    {
        const string clientId = "load-benchmark";
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(2),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                ["client_id"] = clientId,
                ["sub"] = clientId,
                ["scope"] = scope,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        });
    }

    private Dictionary<string, string> RsaJwk()
    {
        var p = Rsa.Rsa.ExportParameters(false);
        return new()
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = Rsa.KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
    }

    private Dictionary<string, string> EcJwk()
    {
        var p = Ec.ECDsa.ExportParameters(false);
        return new()
        {
            ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = Ec.KeyId, ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
