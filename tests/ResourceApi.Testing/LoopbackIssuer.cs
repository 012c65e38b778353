using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Testing;

/// <summary>What the <see cref="LoopbackIssuer"/> answers on both its metadata URLs.</summary>
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
/// A real issuer's public face on a loopback port: an OpenID discovery document and a JWKS over real HTTP,
/// so the API fetches its keys exactly as it would from Auth0 or Entra ID. A test controls which keys it
/// publishes and whether it answers, and reads how many requests it got. The one fake issuer of every test
/// project and of the load benchmark.
/// </summary>
public class LoopbackIssuer : IAsyncDisposable
{
    /// <summary>The audience tokens are minted for by default: configure the API to accept it.</summary>
    public const string Audience = "https://resource-api.test";

    /// <summary>The token endpoint its discovery document names. Nothing serves it: tests mint tokens in process.</summary>
    public const string TokenPath = "/connect/token";

    public const string DiscoveryPath = "/.well-known/openid-configuration";

    public const string JwksPath = "/.well-known/jwks";

    private readonly ConcurrentDictionary<string, SigningKey> _published = new(StringComparer.Ordinal);
    private readonly Func<string, string> _issuerOf;
    private readonly string _pathBase;
    private WebApplication? _app;
    private int _discoveryRequests;
    private int _jwksRequests;

    /// <param name="keys">Published from the start; the first is <see cref="Key"/>, which tokens are signed with by default.</param>
    /// <param name="issuerOf">The <c>iss</c> its discovery document states, from its base URL (default: the base URL and a slash).</param>
    /// <param name="pathBase">Where under its base URL it serves its metadata, as real issuers do (<c>/realms/demo</c>, <c>/{tenant}/v2.0</c>).</param>
    protected LoopbackIssuer(IReadOnlyList<SigningKey> keys, Func<string, string>? issuerOf = null, string pathBase = "")
    {
        ArgumentNullException.ThrowIfNull(keys);
        Key = keys[0];
        foreach (var key in keys)
        {
            _published[key.Kid] = key;
        }
        _issuerOf = issuerOf ?? (baseUrl => baseUrl + "/");
        _pathBase = pathBase;
    }

    /// <summary>http://127.0.0.1:port (no trailing slash): its Authority.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where its discovery document is: <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority => BaseUrl + _pathBase;

    /// <summary>The exact <c>iss</c> value, as the discovery document states it.</summary>
    public string Issuer => _issuerOf(BaseUrl);

    /// <summary>The key published from the start that tokens are signed with unless told otherwise.</summary>
    public SigningKey Key { get; }

    public IssuerBehaviour Behaviour { get; set; } = IssuerBehaviour.Up;

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>Every request for its metadata: discovery documents and JWKS.</summary>
    public int MetadataRequests => DiscoveryRequests + JwksRequests;

    /// <summary>An issuer publishing one RSA key (kid <c>first</c>), answering as <paramref name="behaviour"/> says.</summary>
    public static Task<LoopbackIssuer> StartAsync(IssuerBehaviour behaviour = IssuerBehaviour.Up) =>
        StartAsync([SigningKey.CreateRsa("first")], behaviour);

    /// <summary>
    /// An issuer publishing <paramref name="keys"/>, stating <paramref name="issuerOf"/>(its base URL) as its <c>iss</c>,
    /// serving its metadata under <paramref name="pathBase"/>.
    /// </summary>
    public static async Task<LoopbackIssuer> StartAsync(IReadOnlyList<SigningKey> keys, IssuerBehaviour behaviour = IssuerBehaviour.Up,
        Func<string, string>? issuerOf = null, string pathBase = "")
    {
        var issuer = new LoopbackIssuer(keys, issuerOf, pathBase) { Behaviour = behaviour };
        await issuer.ListenAsync();
        return issuer;
    }

    /// <summary>Starts publishing <paramref name="key"/> (a new RSA key when null), as an issuer does when it rotates.</summary>
    public SigningKey Publish(SigningKey? key = null)
    {
        key ??= SigningKey.CreateRsa($"k-{Guid.NewGuid():N}");
        _published[key.Kid] = key;
        return key;
    }

    /// <summary>Stops publishing <paramref name="key"/>, as an issuer does when a key leaks or retires.</summary>
    public void Withdraw(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _published.TryRemove(key.Kid, out _);
    }

    /// <summary>A valid access token from this issuer for <see cref="Audience"/>, signed with <paramref name="key"/> (default <see cref="Key"/>).</summary>
    public TokenBuilder Token(SigningKey? key = null) => new(Issuer, Audience, key ?? Key);

    /// <summary>A valid access token granting <paramref name="scope"/>.</summary>
    public string Token(string scope) => Token().Scope(scope).Build();

    /// <summary>A token of any shape signed with <see cref="Key"/>: the header gets its alg and kid.</summary>
    public string Sign(Dictionary<string, object?> header, Dictionary<string, object?> payload)
    {
        ArgumentNullException.ThrowIfNull(header);
        header["alg"] = Key.Algorithm;
        header["kid"] = Key.Kid;
        return JwtWriter.Write(header, payload, Key.Sign);
    }

    protected async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(AnswerAsBehaviourSaysAsync);
        app.MapGet(_pathBase + DiscoveryPath, () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Authority + JwksPath,
            // Not the {Authority}/oauth/token the OpenAPI document guesses, so a test tells discovery from a guess.
            ["token_endpoint"] = Authority + TokenPath,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "PS256", "ES256" },
        }));
        app.MapGet(_pathBase + JwksPath, () => Results.Text(JsonSerializer.Serialize(new { keys = _published.Values.Select(k => k.Jwk) }), "application/json"));

        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _app = app;
    }

    private async Task AnswerAsBehaviourSaysAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value;
        if (path == _pathBase + DiscoveryPath)
        {
            Interlocked.Increment(ref _discoveryRequests);
        }
        else if (path == _pathBase + JwksPath)
        {
            Interlocked.Increment(ref _jwksRequests);
        }

        switch (Behaviour)
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
            case IssuerBehaviour.OversizedJwks when path == _pathBase + JwksPath:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"keys\": [], \"padding\": \"" + new string('x', 2 * 1024 * 1024) + "\"}");
                return;
            default:
                await next();
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
