namespace ResourceApi.AccessTokens;

/// <summary>
/// An issuer's dialect of client-credentials access tokens, chosen with <c>Authentication:Schemes:{scheme}:Preset</c>.
/// <see cref="None"/> is the strict RFC 9068 profile.
/// </summary>
public enum IssuerPreset
{
    /// <summary>No dialect: <c>typ</c> <c>at+jwt</c>, scopes in <c>scope</c>, the client in <c>client_id</c> (RFC 9068).</summary>
    None,
    /// <summary>Auth0: <c>typ</c> <c>JWT</c>, RBAC <c>permissions</c> as scopes, the client in <c>azp</c>.</summary>
    Auth0,
    /// <summary>Microsoft Entra ID: v1 and v2 tokens, app <c>roles</c> as scopes, <c>appid</c>/<c>azp</c>, tenants by <c>tid</c>.</summary>
    EntraId,
    /// <summary>Keycloak: realm and client roles from <c>resource_access</c> as scopes, the client in <c>azp</c>.</summary>
    Keycloak,
    /// <summary>Duende IdentityServer: <c>at+jwt</c>, scopes as a JSON array.</summary>
    Duende,
    /// <summary>OpenIddict: <c>at+jwt</c>, scopes in <c>scope</c>.</summary>
    OpenIddict,
}
