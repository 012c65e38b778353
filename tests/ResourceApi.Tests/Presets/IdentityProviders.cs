using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// Five identity providers' public faces on one loopback port, each under its own path as the real one
/// names itself (Auth0's trailing slash, Entra's /{tenant}/v2.0, Keycloak's /realms/{realm}, ...):
/// a discovery document and a JWKS with its own key, and a count of every request it gets.
/// </summary>
public sealed class IdentityProviders : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IdentityProviders(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Auth0 = new Auth0Shape(new Idp("/auth0", baseUrl + "/auth0/"));
        EntraId = new EntraIdShape(new Idp($"/{EntraIdShape.Tenant}/v2.0", $"{baseUrl}/{EntraIdShape.Tenant}/v2.0"), EntraIdShape.Tenant);
        EntraIdByAppId = new EntraIdShape(EntraId.Idp, EntraIdShape.Tenant, audience: EntraIdShape.AppId);
        EntraIdMultiTenant = new EntraIdShape(new Idp("/organizations/v2.0", baseUrl + "/{tenantid}/v2.0"), EntraIdShape.OtherTenant);
        Keycloak = new KeycloakShape(new Idp("/realms/demo", baseUrl + "/realms/demo"));
        Duende = new DuendeShape(new Idp("/duende", baseUrl + "/duende"));
        OpenIddict = new OpenIddictShape(new Idp("/openiddict", baseUrl + "/openiddict/"));
        Unknown = new Idp("/unknown", baseUrl + "/unknown");
    }

    public string BaseUrl { get; }

    public IdpShape Auth0 { get; }

    public IdpShape EntraId { get; }

    /// <summary>The same tenant and app, configured with the bare Application (client) ID instead of its api:// URI.</summary>
    public EntraIdShape EntraIdByAppId { get; }

    /// <summary>Discovery at /organizations/v2.0 says <c>{tenantid}</c>; its tokens come from <see cref="EntraIdShape.OtherTenant"/>.</summary>
    public EntraIdShape EntraIdMultiTenant { get; }

    public IdpShape Keycloak { get; }

    public IdpShape Duende { get; }

    public IdpShape OpenIddict { get; }

    /// <summary>An issuer no API host is configured for; it still serves metadata, so any fetch would be counted.</summary>
    public Idp Unknown { get; }

    public IEnumerable<Idp> All => [Auth0.Idp, EntraId.Idp, EntraIdMultiTenant.Idp, Keycloak.Idp, Duende.Idp, OpenIddict.Idp, Unknown];

    /// <summary>Every access-token form the five IdPs issue for a client, as their documentation shows them.</summary>
    public IReadOnlyList<TokenShape> TokenShapes =>
    [
        new("Auth0, default token profile", Auth0, p => Auth0.AccessToken(p)),
        new("Auth0, RFC 9068 token profile", Auth0, p => ((Auth0Shape)Auth0).Rfc9068AccessToken(p)),
        new("Entra ID v2 token, API configured by its api:// URI", EntraId, p => EntraId.AccessToken(p)),
        new("Entra ID v1 token, API configured by its api:// URI", EntraId, p => ((EntraIdShape)EntraId).V1AccessToken(p)),
        new("Entra ID v2 token, API configured by its bare app id", EntraIdByAppId, p => EntraIdByAppId.AccessToken(p)),
        new("Entra ID v1 token, API configured by its bare app id", EntraIdByAppId, p => EntraIdByAppId.V1AccessToken(p)),
        // A multi-tenant app's tokens come from any tenant: which ones to accept is the one setting it cannot do without.
        new("Entra ID multi-tenant (organizations) token", EntraIdMultiTenant, p => EntraIdMultiTenant.AccessToken(p),
            new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:AllowedTenants:0"] = EntraIdShape.OtherTenant }),
        new("Keycloak, client roles", Keycloak, p => Keycloak.AccessToken(p)),
        new("Keycloak, client scopes", Keycloak, p => ((KeycloakShape)Keycloak).ScopeAccessToken(p)),
        new("Duende IdentityServer", Duende, p => Duende.AccessToken(p)),
        new("OpenIddict", OpenIddict, p => OpenIddict.AccessToken(p)),
    ];

    public TokenShape TokenShape(string name) => TokenShapes.Single(s => s.Name == name);

    public IdpShape Shape(string preset) => preset switch
    {
        "Auth0" => Auth0,
        "EntraId" => EntraId,
        "Keycloak" => Keycloak,
        "Duende" => Duende,
        "OpenIddict" => OpenIddict,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };

    public static async Task<IdentityProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        IdentityProviders? idps = null;
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "";
            foreach (var idp in idps!.All)
            {
                if (path == idp.MetadataPath + "/.well-known/openid-configuration")
                {
                    idp.CountRequest();
                    await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                    {
                        ["issuer"] = idp.Issuer,
                        ["jwks_uri"] = idps.BaseUrl + idp.MetadataPath + "/jwks",
                        ["token_endpoint"] = idps.BaseUrl + idp.MetadataPath + "/oauth/token",
                    });
                    return;
                }
                if (path == idp.MetadataPath + "/jwks")
                {
                    idp.CountRequest();
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(JsonSerializer.Serialize(new { keys = new[] { idp.Key.Jwk } }));
                    return;
                }
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        idps = new IdentityProviders(app, address.TrimEnd('/'));
        return idps;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>One issuer: where its metadata is, the <c>issuer</c> its discovery document states, its key and its traffic.</summary>
public sealed class Idp(string metadataPath, string issuer)
{
    private int _requests;

    public string MetadataPath { get; } = metadataPath;

    public string Issuer { get; } = issuer;

    public SigningKey Key { get; } = SigningKey.CreateRsa($"kid{metadataPath.Replace('/', '-')}");

    /// <summary>Discovery and JWKS requests so far.</summary>
    public int Requests => _requests;

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public string Sign(Dictionary<string, object?> header, Dictionary<string, object?> payload)
    {
        header["alg"] = Key.Algorithm;
        header["kid"] = Key.Kid;
        return JwtWriter.Write(header, payload, Key.Sign);
    }
}
