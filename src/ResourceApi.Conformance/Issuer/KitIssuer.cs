using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Conformance.Issuer;

/// <summary>
/// The kit's own authorization server, public face only: an RFC 8414 / OpenID discovery document and a JWKS on a
/// loopback port, with an RS256 and an ES256 key it can rotate and withdraw, and a count of every JWKS fetch.
/// It also serves an attacker's key set and certificate on other paths, so the kit can tell whether the API
/// followed a token's <c>jku</c> or <c>x5u</c> header. It issues nothing over HTTP: the kit mints tokens in process.
/// </summary>
internal sealed class KitIssuer : IAsyncDisposable
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string AuthorizationServerPath = "/.well-known/oauth-authorization-server";
    public const string JwksPath = "/jwks";
    public const string AttackerJwksPath = "/attacker/jwks";
    public const string AttackerCertificatePath = "/attacker/certificate";

    private static readonly string[] GrantTypes = ["client_credentials"];
    private static readonly string[] ResponseTypes = ["token"];
    private static readonly string[] SubjectTypes = ["public"];
    private static readonly string[] SigningAlgorithms = ["RS256", "ES256"];

    private readonly ConcurrentDictionary<string, KitKey> _published = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _jwksFetches;
    private int _attackerFetches;

    private KitIssuer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Rs256 = Publish(KitKey.CreateRsa("kit-rs256-1"));
        Es256 = Publish(KitKey.CreateEc("kit-es256-1"));
    }

    /// <summary>http://127.0.0.1:port, no trailing slash: the API's Authority and every token's <c>iss</c>.</summary>
    public string BaseUrl { get; }

    public string Issuer => BaseUrl;

    /// <summary>The RS256 key published from the start; valid tokens are signed with it.</summary>
    public KitKey Rs256 { get; }

    /// <summary>The ES256 key published from the start.</summary>
    public KitKey Es256 { get; }

    /// <summary>A key the kit never publishes at its JWKS, served only at the attacker's URLs.</summary>
    public KitKey Attacker { get; } = KitKey.CreateRsa("attacker-key");

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>Requests for the attacker's key set or certificate: an API that follows <c>jku</c>/<c>x5u</c> makes them.</summary>
    public int AttackerFetches => Volatile.Read(ref _attackerFetches);

    /// <summary>Starts the issuer on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static async Task<KitIssuer> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        KitIssuer? issuer = null;
        app.Map(DiscoveryPath, () => issuer!.Discovery());
        app.Map(AuthorizationServerPath, () => issuer!.Discovery());
        app.Map(JwksPath, () =>
        {
            Interlocked.Increment(ref issuer!._jwksFetches);
            return Results.Text(JsonSerializer.Serialize(new { keys = issuer._published.Values.Select(k => k.Jwk) }), "application/json");
        });
        app.Map(AttackerJwksPath, () =>
        {
            Interlocked.Increment(ref issuer!._attackerFetches);
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { issuer.Attacker.Jwk } }), "application/json");
        });
        app.Map(AttackerCertificatePath, () =>
        {
            Interlocked.Increment(ref issuer!._attackerFetches);
            return Results.Text($"-----BEGIN CERTIFICATE-----\n{issuer.Attacker.SelfSignedCertificate()}\n-----END CERTIFICATE-----\n", "application/pkix-cert");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer = new KitIssuer(app, new Uri(address).GetLeftPart(UriPartial.Authority));
        return issuer;
    }

    /// <summary>Starts publishing <paramref name="key"/>, as an issuer does when it rotates a key in.</summary>
    public KitKey Publish(KitKey key)
    {
        _published[key.Kid] = key;
        return key;
    }

    /// <summary>Stops publishing <paramref name="key"/>, as an issuer does when a key leaks or retires.</summary>
    public void Withdraw(KitKey key) => _published.TryRemove(key.Kid, out _);

    /// <summary>A valid access token for <paramref name="audience"/> granting <paramref name="scope"/>, signed RS256.</summary>
    public KitToken Token(string audience, string? scope) => new(Issuer, audience, Rs256, scope);

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = BaseUrl + JwksPath,
        // Named because discovery documents carry one; nothing serves it: the kit mints tokens in process.
        ["token_endpoint"] = BaseUrl + "/token",
        ["grant_types_supported"] = GrantTypes,
        ["response_types_supported"] = ResponseTypes,
        ["subject_types_supported"] = SubjectTypes,
        ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
    });

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var key in _published.Values)
        {
            key.Dispose();
        }
        Attacker.Dispose();
    }
}
