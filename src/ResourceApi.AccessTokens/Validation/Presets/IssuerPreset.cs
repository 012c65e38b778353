namespace ResourceApi.AccessTokens;

/// <summary>
/// An issuer's dialect of client-credentials access tokens, chosen with <c>Authentication:Schemes:{scheme}:Preset</c>.
/// <see cref="None"/> is the strict RFC 9068 profile.
/// </summary>
public enum IssuerPreset
{
    None,
    Auth0,
    EntraId,
    Keycloak,
    Duende,
    OpenIddict,
}
