namespace ResourceApi.Tests.Presets;

/// <summary>
/// Five identity providers' public faces, each a <see cref="LoopbackIssuer"/> serving its metadata under the path
/// the real one names itself by (Auth0's trailing slash, Entra's /{tenant}/v2.0, Keycloak's /realms/{realm}, ...):
/// a discovery document and a JWKS with its own key, and a count of every request it gets.
/// </summary>
public sealed class IdentityProviders : IAsyncDisposable
{
    private IdentityProviders(LoopbackIssuer auth0, LoopbackIssuer entra, LoopbackIssuer entraMulti, LoopbackIssuer keycloak,
        LoopbackIssuer duende, LoopbackIssuer openIddict, LoopbackIssuer unknown)
    {
        Auth0 = new Auth0Shape(auth0);
        EntraId = new EntraIdShape(entra, EntraIdShape.Tenant);
        EntraIdByAppId = new EntraIdShape(EntraId.Idp, EntraIdShape.Tenant, audience: EntraIdShape.AppId);
        EntraIdMultiTenant = new EntraIdShape(entraMulti, EntraIdShape.OtherTenant);
        Keycloak = new KeycloakShape(keycloak);
        Duende = new DuendeShape(duende);
        OpenIddict = new OpenIddictShape(openIddict);
        Unknown = unknown;
    }

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
    public LoopbackIssuer Unknown { get; }

    public IEnumerable<LoopbackIssuer> All => [Auth0.Idp, EntraId.Idp, EntraIdMultiTenant.Idp, Keycloak.Idp, Duende.Idp, OpenIddict.Idp, Unknown];

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
        // Each issuer's iss as the real one writes it: the path it serves its metadata under, and Auth0's
        // and OpenIddict's trailing slash; the multi-tenant discovery document says {tenantid}.
        var issuers = await Task.WhenAll(
            Start("/auth0", "/auth0/"),
            Start($"/{EntraIdShape.Tenant}/v2.0", $"/{EntraIdShape.Tenant}/v2.0"),
            Start("/organizations/v2.0", "/{tenantid}/v2.0"),
            Start("/realms/demo", "/realms/demo"),
            Start("/duende", "/duende"),
            Start("/openiddict", "/openiddict/"),
            Start("/unknown", "/unknown"));
        return new IdentityProviders(issuers[0], issuers[1], issuers[2], issuers[3], issuers[4], issuers[5], issuers[6]);
    }

    private static Task<LoopbackIssuer> Start(string metadataPath, string issuerPath) =>
        LoopbackIssuer.StartAsync([SigningKey.CreateRsa($"kid{metadataPath.Replace('/', '-')}")], issuerOf: baseUrl => baseUrl + issuerPath, pathBase: metadataPath);

    public async ValueTask DisposeAsync()
    {
        foreach (var issuer in All)
        {
            await issuer.DisposeAsync();
        }
    }
}
