using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.TokenCache;

/// <summary>
/// A loopback issuer whose JWKS the test edits: keys are published and withdrawn while the API runs,
/// as an issuer does when it retires a key.
/// </summary>
public sealed class KeySetIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SigningKey> _published = new();
    private int _jwksRequests;

    private KeySetIssuer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string Issuer => BaseUrl + "/";

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<KeySetIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new KeySetIssuer(app);

        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = issuer.BaseUrl + "/.well-known/jwks",
        }));
        app.MapGet("/.well-known/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            return Results.Text(JsonSerializer.Serialize(new { keys = issuer._published.Values.Select(k => k.Jwk) }), "application/json");
        });

        await app.StartAsync();
        issuer.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return issuer;
    }

    public SigningKey Publish(SigningKey key)
    {
        _published[key.Kid] = key;
        return key;
    }

    public void Withdraw(SigningKey key) => _published.TryRemove(key.Kid, out _);

    public TokenBuilder Token(SigningKey key) => new(Issuer, TestIssuer.Audience, key);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
