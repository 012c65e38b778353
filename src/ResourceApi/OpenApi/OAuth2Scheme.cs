using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ResourceApi.OpenApi;

/// <summary>The document's security schemes: OAuth 2.0 client credentials, one per trusted issuer.</summary>
public static class OAuth2Scheme
{
    /// <summary>The <c>Bearer</c> issuer's key under <c>components.securitySchemes</c>; each other issuer's is <c>oauth2-{name}</c>.</summary>
    public const string Name = "oauth2";

    /// <summary>Lists the scopes an operation needs, and whether all or any of them.</summary>
    public const string RequiredScopesExtension = "x-required-scopes";

    /// <summary>On a client-credentials flow: the audience its token request names (Swagger UI adds it to the form).</summary>
    public const string AudienceExtension = "x-audience";

    /// <summary>The key of the security scheme for the bearer scheme <paramref name="scheme"/> (<c>Authentication:Schemes:{scheme}</c>).</summary>
    public static string NameFor(string scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        // OpenAPI keys are [a-zA-Z0-9.-_]; a configuration key may hold anything but ':'.
        return scheme == JwtBearerDefaults.AuthenticationScheme
            ? Name
            : Name + "-" + string.Concat(scheme.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
    }
}
