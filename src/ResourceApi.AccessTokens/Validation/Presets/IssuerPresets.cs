using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// What each issuer's client-credentials access tokens really look like, as its documentation states
/// it: the <c>typ</c> it writes, where the granted permissions sit, and which claim names the calling
/// client. Applied before the scheme's explicit settings, so any of them overrides the preset.
/// </summary>
internal static class IssuerPresets
{
    /// <summary>Keycloak's client roles for this API, a member of the <c>resource_access</c> object; <c>{client}</c> is <see cref="AccessTokenOptions.ResourceClientId"/>.</summary>
    public const string KeycloakClientRoles = "resource_access.{client}.roles";

    private static readonly string[] AtJwt = ["at+jwt", "application/at+jwt"];

    /// <summary>Reads <c>Preset</c> and the preset-only settings from the scheme's section, then applies the preset's defaults.</summary>
    public static void Configure(string name, IConfiguration section, AccessTokenOptions options)
    {
        var path = $"Authentication:Schemes:{name}";
        if (section[nameof(AccessTokenOptions.Preset)] is { Length: > 0 } preset)
        {
            options.Preset = Enum.TryParse<IssuerPreset>(preset, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions),
                    [$"{path}:Preset must be one of {string.Join(", ", Enum.GetNames<IssuerPreset>())}; got '{preset}'."]);
        }

        options.ResourceClientId = section[nameof(AccessTokenOptions.ResourceClientId)] is { Length: > 0 } client
            ? client
            : section["ValidAudience"] is { Length: > 0 } audience ? audience : section["ValidAudiences:0"];

        if (section[nameof(AccessTokenOptions.AllowAnyTenant)] is { Length: > 0 } any)
        {
            options.AllowAnyTenant = bool.TryParse(any, out var allow)
                ? allow
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions), [$"{path}:AllowAnyTenant must be true or false; got '{any}'."]);
        }

        Apply(options.Preset, options);
    }

    private static void Apply(IssuerPreset preset, AccessTokenOptions options)
    {
        switch (preset)
        {
            // Auth0: typ JWT in the default token profile, at+jwt in the RFC 9068 one; RBAC permissions
            // in "permissions"; the client in azp (client_id in the RFC 9068 profile).
            case IssuerPreset.Auth0:
                options.ValidTypes = [.. AtJwt, "JWT"];
                options.ScopeClaimTypes = ["scope", "permissions"];
                options.ClientIdClaimTypes = ["client_id", "azp"];
                break;

            // Entra ID: typ JWT; application permissions (app roles) in "roles"; the client in azp (v2) or appid (v1).
            case IssuerPreset.EntraId:
                options.ValidTypes = ["JWT"];
                options.ScopeClaimTypes = ["roles"];
                options.ClientIdClaimTypes = ["azp", "appid"];
                break;

            // Keycloak: typ JWT; client scopes in "scope" and this API's client roles in resource_access;
            // the client in client_id (Keycloak 20 and later) or azp.
            case IssuerPreset.Keycloak:
                options.ValidTypes = ["JWT"];
                options.ScopeClaimTypes = ["scope", KeycloakClientRoles];
                options.ClientIdClaimTypes = ["client_id", "azp"];
                break;

            // Duende IdentityServer and OpenIddict follow RFC 9068: at+jwt, "scope", "client_id".
            case IssuerPreset.Duende:
            case IssuerPreset.OpenIddict:
                options.ValidTypes = AtJwt;
                options.ScopeClaimTypes = ["scope"];
                options.ClientIdClaimTypes = ["client_id"];
                break;

            default:
                break;
        }
    }
}
