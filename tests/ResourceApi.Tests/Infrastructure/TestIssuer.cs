using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Tests.Infrastructure;

/// <summary>
/// A real issuer's public face on a loopback port: an OpenID discovery document and a JWKS, served
/// over HTTP so the API fetches its keys exactly as it would from Auth0 or Entra ID.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "https://resource-api.test";

    /// <summary>The token endpoint its discovery document names. Nothing serves it: tests mint tokens in process.</summary>
    public const string TokenPath = "/connect/token";

    private readonly WebApplication _app;
    private int _jwksRequests;
    private int _discoveryRequests;

    private TestIssuer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public SigningKey Rsa { get; } = SigningKey.CreateRsa("rsa-1");

    public SigningKey RsaPss { get; } = SigningKey.CreateRsa("pss-1", "PS256");

    public SigningKey Ec { get; } = SigningKey.CreateEc("ec-1");

    /// <summary>A well-formed key the issuer never publishes.</summary>
    public SigningKey Unpublished { get; } = SigningKey.CreateRsa("not-in-jwks");

    /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>The exact <c>iss</c> value, as the discovery document states it.</summary>
    public string Issuer => BaseUrl + "/";

    public int JwksRequests => _jwksRequests;

    /// <summary>Every request for its metadata: discovery documents and JWKS.</summary>
    public int MetadataRequests => _discoveryRequests + _jwksRequests;

    private readonly System.Collections.Concurrent.ConcurrentBag<SigningKey> _rotatedIn = [];

    /// <summary>Starts publishing a new key, as an issuer does when it rotates.</summary>
    public SigningKey RotateInNewKey()
    {
        var key = SigningKey.CreateRsa($"rotated-{Guid.NewGuid():N}");
        _rotatedIn.Add(key);
        return key;
    }

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        TestIssuer? issuer = null;
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref issuer!._discoveryRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer.Issuer,
                ["jwks_uri"] = issuer.BaseUrl + "/.well-known/jwks",
                // Not the {Authority}/oauth/token the OpenAPI document guesses, so a test tells discovery from a guess.
                ["token_endpoint"] = issuer.BaseUrl + TokenPath,
                ["id_token_signing_alg_values_supported"] = new[] { "RS256", "PS256", "ES256" },
            });
        });
        app.MapGet("/.well-known/jwks", () =>
        {
            Interlocked.Increment(ref issuer!._jwksRequests);
            var keys = new[] { issuer.Rsa.Jwk, issuer.RsaPss.Jwk, issuer.Ec.Jwk }.Concat(issuer._rotatedIn.Select(k => k.Jwk));
            return Results.Text(JsonSerializer.Serialize(new { keys }), "application/json");
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer = new TestIssuer(app, address.TrimEnd('/'));
        return issuer;
    }

    public TokenBuilder Token() => new(Issuer, Audience, Rsa);

    public string Token(string scope) => Token().Scope(scope).Build();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
