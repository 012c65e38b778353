using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Company.ItemsApi.Tests;

/// <summary>
/// A real issuer's public face on a loopback port: a discovery document and a JWKS over HTTP, so the API
/// fetches its keys exactly as it would from your issuer, and tokens signed with its RSA key.
/// </summary>
public sealed class LoopbackIssuer : IAsyncDisposable
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private WebApplication? _app;

    /// <summary>http://127.0.0.1:port, the API's Authority.</summary>
    public string Authority { get; private set; } = "";

    public string Issuer => Authority + "/";

    public static async Task<LoopbackIssuer> StartAsync()
    {
        var issuer = new LoopbackIssuer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = issuer.Authority + "/.well-known/jwks",
            ["token_endpoint"] = issuer.Authority + "/oauth/token",
        }));
        app.MapGet("/.well-known/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer._key.Rsa.ExportParameters(false)) { KeyId = issuer._key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync();
        issuer.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        issuer._app = app;
        return issuer;
    }

    /// <summary>An RFC 9068 access token for <paramref name="audience"/> granting <paramref name="scope"/>.</summary>
    public string Token(string audience, string scope) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = audience,
        TokenType = "at+jwt",
        Expires = DateTime.UtcNow.AddMinutes(5),
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow,
        Claims = new Dictionary<string, object>
        {
            ["sub"] = "test-client",
            ["client_id"] = "test-client",
            ["scope"] = scope,
            ["jti"] = Guid.NewGuid().ToString("N"),
        },
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _key.Rsa.Dispose();
    }
}
