using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Tests.Infrastructure;

/// <summary>What the <see cref="ControllableIssuer"/> answers on both its metadata URLs.</summary>
public enum IssuerBehaviour
{
    Up,
    /// <summary>503 for every request.</summary>
    Failing,
    /// <summary>A 200 HTML page where JSON should be (a captive portal, a login page, a proxy error).</summary>
    Html,
    /// <summary>200 application/json that is not JSON.</summary>
    Garbage,
    /// <summary>Discovery fine; the JWKS is a valid JSON object padded past any sane size.</summary>
    OversizedJwks,
    /// <summary>Accepts the request and answers nothing until the caller gives up.</summary>
    Hanging,
}

/// <summary>
/// An issuer whose keys and availability a test controls, on a loopback port: discovery and JWKS over
/// real HTTP, with a count of each so a test can say how many fetches the API made.
/// </summary>
public sealed class ControllableIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SigningKey> _published = new(StringComparer.Ordinal);
    private int _discoveryRequests;
    private int _jwksRequests;

    private ControllableIssuer(WebApplication app, string baseUrl, SigningKey first)
    {
        _app = app;
        BaseUrl = baseUrl;
        Key = first;
        _published[first.Kid] = first;
    }

    public string BaseUrl { get; }

    public string Issuer => BaseUrl + "/";

    /// <summary>The key published from the start.</summary>
    public SigningKey Key { get; }

    public IssuerBehaviour Behaviour { get; set; } = IssuerBehaviour.Up;

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public SigningKey Publish(SigningKey? key = null)
    {
        key ??= SigningKey.CreateRsa($"k-{Guid.NewGuid():N}");
        _published[key.Kid] = key;
        return key;
    }

    public void Withdraw(SigningKey key) => _published.TryRemove(key.Kid, out _);

    public TokenBuilder Token(SigningKey? key = null) => new(Issuer, TestIssuer.Audience, key ?? Key);

    public static async Task<ControllableIssuer> StartAsync(IssuerBehaviour behaviour = IssuerBehaviour.Up)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        ControllableIssuer? issuer = null;
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path == "/.well-known/openid-configuration")
            {
                Interlocked.Increment(ref issuer!._discoveryRequests);
            }
            else if (path == "/.well-known/jwks")
            {
                Interlocked.Increment(ref issuer!._jwksRequests);
            }

            switch (issuer!.Behaviour)
            {
                case IssuerBehaviour.Failing:
                    context.Response.StatusCode = 503;
                    return;
                case IssuerBehaviour.Html:
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body>Please sign in to the Wi-Fi</body></html>");
                    return;
                case IssuerBehaviour.Garbage:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"keys\": [ {\"kty\": \"RSA\", \"n\": ");
                    return;
                case IssuerBehaviour.Hanging:
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                case IssuerBehaviour.OversizedJwks when path == "/.well-known/jwks":
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"keys\": [], \"padding\": \"" + new string('x', 2 * 1024 * 1024) + "\"}");
                    return;
                default:
                    await next(context);
                    return;
            }
        });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer!.Issuer,
            ["jwks_uri"] = issuer.BaseUrl + "/.well-known/jwks",
            ["token_endpoint"] = issuer.BaseUrl + "/oauth/token",
        }));
        app.MapGet("/.well-known/jwks", () =>
            Results.Text(JsonSerializer.Serialize(new { keys = issuer!._published.Values.Select(k => k.Jwk) }), "application/json"));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer = new ControllableIssuer(app, address.TrimEnd('/'), SigningKey.CreateRsa("first")) { Behaviour = behaviour };
        return issuer;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
