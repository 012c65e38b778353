using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// How one identity provider shapes its client-credentials access tokens and its ID tokens: header
/// members, claim names and value forms, issuer and audience forms, and where the permissions sit,
/// as its documentation shows them.
/// </summary>
public abstract class IdpShape(LoopbackIssuer idp)
{
    public LoopbackIssuer Idp { get; } = idp;

    public abstract string Preset { get; }

    /// <summary>The audience configured in the API, in the form that IdP's console shows.</summary>
    public abstract string Audience { get; }

    /// <summary>The client id of the calling service, in the IdP's form.</summary>
    public abstract string ClientId { get; }

    /// <summary>The <c>iss</c> its access tokens carry.</summary>
    public virtual string TokenIssuer => Idp.Issuer;

    /// <summary>This API's own URL: Auth0's identifier for it, and so its RFC 9728 resource identifier, in the README's recipes.</summary>
    public const string ApiUrl = "https://orders-api.example";

    /// <summary>
    /// The settings a team sets for this IdP, and no others: its authority (as its docs give it), the
    /// audience and the preset. An audience that is not an https URL leaves RFC 9728 metadata off, never
    /// token validation; a recipe that wants the metadata sets <c>ProtectedResource:Identifier</c> itself.
    /// </summary>
    public Dictionary<string, string?> Settings(string scheme) => new()
    {
        [$"Authentication:Schemes:{scheme}:Authority"] = Authority,
        [$"Authentication:Schemes:{scheme}:ValidAudiences:0"] = Audience,
        [$"Authentication:Schemes:{scheme}:Preset"] = Preset,
    };

    protected virtual string Authority => Idp.Issuer;

    public abstract string AccessToken(IReadOnlyList<string> permissions, string? audience = null);

    /// <summary>The claims its access tokens name the calling client by.</summary>
    public abstract IReadOnlyList<string> ClientClaims { get; }

    /// <summary>Its access token with <paramref name="claims"/> taken out, signed again with its key.</summary>
    public string AccessTokenWithout(IReadOnlyList<string> claims, IReadOnlyList<string> permissions)
    {
        var parts = AccessToken(permissions).Split('.');
        var header = JsonSerializer.Deserialize<Dictionary<string, object?>>(Base64UrlEncoder.DecodeBytes(parts[0]))!;
        var payload = JsonSerializer.Deserialize<Dictionary<string, object?>>(Base64UrlEncoder.DecodeBytes(parts[1]))!;
        foreach (var claim in claims)
        {
            payload.Remove(claim);
        }
        return Idp.Sign(header, payload);
    }

    /// <summary>An ID token for this API's own client registration: right issuer, and this API's audience.</summary>
    public abstract string IdToken();

    protected static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    protected static string Id() => Guid.NewGuid().ToString("N");
}

/// <summary>Auth0, default token profile with RBAC: typ JWT, iss with a trailing slash, sub {client}@clients, azp, gty, permissions.</summary>
public sealed class Auth0Shape(LoopbackIssuer idp) : IdpShape(idp)
{
    public override string Preset => "Auth0";

    public override string Audience => ApiUrl;

    public override string ClientId => "Xq7bWm3kR9tLpZ2sVn8cJd4fHa6gYe1u";

    public override IReadOnlyList<string> ClientClaims => ["azp"];

    // Auth0's docs write the domain without the slash; its iss has one.
    protected override string Authority => Idp.Issuer.TrimEnd('/');

    public override string AccessToken(IReadOnlyList<string> permissions, string? audience = null) => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["iss"] = Idp.Issuer,
            ["sub"] = ClientId + "@clients",
            ["aud"] = audience ?? Audience,
            ["iat"] = Now,
            ["exp"] = Now + 86400,
            ["scope"] = permissions.Count > 0 ? string.Join(' ', permissions) : null,
            ["gty"] = "client-credentials",
            ["azp"] = ClientId,
            ["permissions"] = permissions,
        });

    /// <summary>
    /// The RFC 9068 token profile (the API's "JSON Web Token (JWT) Profile" set to RFC 9068): typ at+jwt,
    /// client_id instead of azp, a jti; with RBAC (rfc9068_profile_authz) the permissions claim as well.
    /// </summary>
    public string Rfc9068AccessToken(IReadOnlyList<string> permissions) => Idp.Sign(
        new() { ["typ"] = "at+jwt" },
        new()
        {
            ["iss"] = Idp.Issuer,
            ["sub"] = ClientId + "@clients",
            ["aud"] = Audience,
            ["client_id"] = ClientId,
            ["iat"] = Now,
            ["exp"] = Now + 86400,
            ["jti"] = Id(),
            ["scope"] = permissions.Count > 0 ? string.Join(' ', permissions) : null,
            ["permissions"] = permissions,
        });

    public override string IdToken() => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["iss"] = Idp.Issuer, ["aud"] = Audience, ["sub"] = "auth0|64f1c2", ["iat"] = Now, ["exp"] = Now + 36000,
            ["name"] = "Ada", ["email"] = "ada@example.com", ["sid"] = Id(), ["nonce"] = Id(),
        });
}

/// <summary>
/// Entra ID app-only v2 token: typ JWT, iss https://login.microsoftonline.com/{tid}/v2.0, aud the bare app id,
/// azp and azpacr, app roles in roles, tid, ver 2.0. <see cref="V1AccessToken"/> is the v1 form. The API is
/// configured with its Application ID URI (api://{app id}), or, given <paramref name="audience"/>, with another
/// form the portal shows, such as the bare Application (client) ID.
/// </summary>
public sealed class EntraIdShape(LoopbackIssuer idp, string tenant, string? audience = null) : IdpShape(idp)
{
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public const string OtherTenant = "0b8e4f2a-5c1d-4e3b-9a7f-6d2c1b0a9e8f";

    public const string AppId = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

    public string TokenTenant { get; } = tenant;

    public override string Preset => "EntraId";

    /// <summary>The Application ID URI the portal proposes, which a client names in its scope (api://{app id}/.default).</summary>
    public const string ApplicationIdUri = "api://" + AppId;

    // The console shows the Application ID URI; v2 tokens carry the bare app id.
    public override string Audience => audience ?? ApplicationIdUri;

    public override string ClientId => "1f5b9c2e-7d3a-4e8f-b6c1-9a2d4e6f8b0c";

    public override IReadOnlyList<string> ClientClaims => ["azp"];

    public override string TokenIssuer => Idp.Issuer.Replace("{tenantid}", TokenTenant, StringComparison.Ordinal);

    protected override string Authority => Idp.Issuer.Contains("{tenantid}", StringComparison.Ordinal) ? Idp.Issuer.Replace("{tenantid}", "organizations", StringComparison.Ordinal) : Idp.Issuer;

    public override string AccessToken(IReadOnlyList<string> permissions, string? audience = null) => AccessToken(permissions, audience, TokenTenant);

    public string AccessToken(IReadOnlyList<string> permissions, string? audience, string tenant) => Idp.Sign(
        new() { ["typ"] = "JWT", ["x5t"] = Idp.Key.Kid },
        new()
        {
            ["aud"] = audience ?? AppId,
            ["iss"] = Idp.Issuer.Replace("{tenantid}", tenant, StringComparison.Ordinal).Replace(Tenant, tenant, StringComparison.Ordinal),
            ["iat"] = Now, ["nbf"] = Now, ["exp"] = Now + 3599,
            ["aio"] = "k2BgYJh3dL8=", ["azp"] = ClientId, ["azpacr"] = "1", ["idp"] = $"https://sts.windows.net/{tenant}/",
            ["idtyp"] = "app", ["oid"] = "a1b2c3d4-0000-4000-8000-000000000001", ["rh"] = "0.AAAA.",
            ["roles"] = permissions.Count > 0 ? permissions : null,
            ["sub"] = "a1b2c3d4-0000-4000-8000-000000000001", ["tid"] = tenant, ["uti"] = Id(), ["ver"] = "2.0",
        });

    /// <summary>
    /// The v1 form (accessTokenAcceptedVersion unset): iss https://sts.windows.net/{tid}/, aud the Application ID URI
    /// the client asked for (api://{app id}/.default), whichever form the API is configured with, appid.
    /// </summary>
    public string V1AccessToken(IReadOnlyList<string> permissions) => Idp.Sign(
        new() { ["typ"] = "JWT", ["x5t"] = Idp.Key.Kid },
        new()
        {
            ["aud"] = ApplicationIdUri, ["iss"] = $"https://sts.windows.net/{TokenTenant}/",
            ["iat"] = Now, ["nbf"] = Now, ["exp"] = Now + 3599,
            ["aio"] = "k2BgYJh3dL8=", ["appid"] = ClientId, ["appidacr"] = "1", ["idp"] = $"https://sts.windows.net/{TokenTenant}/",
            ["oid"] = "a1b2c3d4-0000-4000-8000-000000000001", ["rh"] = "0.AAAA.", ["roles"] = permissions,
            ["sub"] = "a1b2c3d4-0000-4000-8000-000000000001", ["tid"] = TokenTenant, ["uti"] = Id(), ["ver"] = "1.0",
        });

    // A v2 ID token issued to the API's own app registration: its aud is the API's app id, it names no client.
    public override string IdToken() => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["aud"] = AppId, ["iss"] = TokenIssuer, ["iat"] = Now, ["nbf"] = Now, ["exp"] = Now + 3599,
            ["aio"] = "k2BgYJh3dL8=", ["name"] = "Ada", ["oid"] = "b0000000-0000-4000-8000-000000000002",
            ["preferred_username"] = "ada@contoso.com", ["rh"] = "0.AAAA.", ["sub"] = "x1y2z3", ["tid"] = TokenTenant,
            ["uti"] = Id(), ["ver"] = "2.0",
        });
}

/// <summary>
/// Keycloak service-account token: typ JWT, iss {host}/realms/{realm}, payload typ Bearer, azp and client_id,
/// this API's client roles in resource_access.{api client}.roles, client scopes in scope.
/// </summary>
public sealed class KeycloakShape(LoopbackIssuer idp) : IdpShape(idp)
{
    public override string Preset => "Keycloak";

    public override string Audience => "resource-api";

    public override string ClientId => "orders-service";

    public override IReadOnlyList<string> ClientClaims => ["azp", "client_id"];

    public override string AccessToken(IReadOnlyList<string> permissions, string? audience = null) => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["exp"] = Now + 300, ["iat"] = Now, ["jti"] = Id(), ["iss"] = Idp.Issuer, ["aud"] = audience ?? Audience,
            ["sub"] = "5d2f7a1e-3c4b-4e8d-9f0a-1b2c3d4e5f60", ["typ"] = "Bearer", ["azp"] = ClientId, ["acr"] = "1",
            ["allowed-origins"] = new[] { "/*" },
            ["realm_access"] = new { roles = new[] { "offline_access", "default-roles-demo" } },
            ["resource_access"] = new Dictionary<string, object> { [Audience] = new { roles = permissions } },
            ["scope"] = "profile email", ["clientHost"] = "10.0.0.7", ["email_verified"] = false,
            ["preferred_username"] = "service-account-" + ClientId, ["client_id"] = ClientId,
        });

    /// <summary>
    /// The permissions as client scopes instead (a client scope named read:messages assigned to the client,
    /// "Include in token scope" on), and the audience from an Audience mapper beside account, which the
    /// realm's default roles add: aud is then an array.
    /// </summary>
    public string ScopeAccessToken(IReadOnlyList<string> permissions) => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["exp"] = Now + 300, ["iat"] = Now, ["jti"] = Id(), ["iss"] = Idp.Issuer, ["aud"] = new[] { Audience, "account" },
            ["sub"] = "5d2f7a1e-3c4b-4e8d-9f0a-1b2c3d4e5f60", ["typ"] = "Bearer", ["azp"] = ClientId, ["acr"] = "1",
            ["allowed-origins"] = new[] { "/*" },
            ["realm_access"] = new { roles = new[] { "offline_access", "uma_authorization", "default-roles-demo" } },
            ["resource_access"] = new Dictionary<string, object> { ["account"] = new { roles = new[] { "manage-account", "manage-account-links", "view-profile" } } },
            ["scope"] = string.Join(' ', permissions.Append("profile").Append("email")), ["clientHost"] = "10.0.0.7", ["email_verified"] = false,
            ["preferred_username"] = "service-account-" + ClientId, ["client_id"] = ClientId,
        });

    public override string IdToken() => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["exp"] = Now + 300, ["iat"] = Now, ["jti"] = Id(), ["iss"] = Idp.Issuer, ["aud"] = Audience,
            ["sub"] = "9e8d7c6b-0000-4000-8000-000000000003", ["typ"] = "ID", ["azp"] = Audience, ["sid"] = Id(),
            ["acr"] = "1", ["email_verified"] = true, ["preferred_username"] = "ada",
        });
}

/// <summary>Duende IdentityServer: typ at+jwt, aud the ApiResource name, scope as a JSON array, client_id, jti.</summary>
public sealed class DuendeShape(LoopbackIssuer idp) : IdpShape(idp)
{
    public override string Preset => "Duende";

    public override string Audience => "resource-api";

    public override string ClientId => "m2m.orders";

    public override IReadOnlyList<string> ClientClaims => ["client_id"];

    public override string AccessToken(IReadOnlyList<string> permissions, string? audience = null) => Idp.Sign(
        new() { ["typ"] = "at+jwt" },
        new()
        {
            ["iss"] = Idp.Issuer, ["nbf"] = Now, ["iat"] = Now, ["exp"] = Now + 3600, ["aud"] = audience ?? Audience,
            ["scope"] = permissions, ["client_id"] = ClientId, ["jti"] = Id().ToUpperInvariant(),
        });

    public override string IdToken() => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["iss"] = Idp.Issuer, ["nbf"] = Now, ["iat"] = Now, ["exp"] = Now + 300, ["aud"] = Audience,
            ["amr"] = new[] { "pwd" }, ["at_hash"] = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", ["sid"] = Id(),
            ["sub"] = "alice", ["auth_time"] = Now, ["idp"] = "local",
        });
}

/// <summary>OpenIddict: typ at+jwt, iss with a trailing slash, scope as a string, sub and client_id the client, oi_* claims.</summary>
public sealed class OpenIddictShape(LoopbackIssuer idp) : IdpShape(idp)
{
    public override string Preset => "OpenIddict";

    public override string Audience => "resource-api";

    public override string ClientId => "orders-service";

    public override IReadOnlyList<string> ClientClaims => ["client_id"];

    public override string AccessToken(IReadOnlyList<string> permissions, string? audience = null) => Idp.Sign(
        new() { ["typ"] = "at+jwt" },
        new()
        {
            ["iss"] = Idp.Issuer, ["exp"] = Now + 3600, ["iat"] = Now, ["aud"] = audience ?? Audience,
            ["scope"] = permissions.Count > 0 ? string.Join(' ', permissions) : null, ["jti"] = Id(),
            ["sub"] = ClientId, ["client_id"] = ClientId, ["oi_prst"] = ClientId, ["oi_tkn_id"] = Id(),
        });

    public override string IdToken() => Idp.Sign(
        new() { ["typ"] = "JWT" },
        new()
        {
            ["iss"] = Idp.Issuer, ["exp"] = Now + 1200, ["iat"] = Now, ["aud"] = Audience, ["sub"] = "alice",
            ["azp"] = Audience, ["nonce"] = Id(), ["at_hash"] = "x6Kx8fJb2bQm4p1Qp3d0Zg", ["oi_tkn_id"] = Id(),
        });
}
