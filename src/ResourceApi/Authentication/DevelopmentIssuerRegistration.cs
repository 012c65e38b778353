using ResourceApi.DevelopmentIssuer;
using ResourceApi.Scopes;

namespace ResourceApi.Authentication;

public static class DevelopmentIssuerRegistration
{
    /// <summary>
    /// In Development with no <c>Authentication:Schemes:Bearer:Authority</c> or <c>MetadataAddress</c>,
    /// mounts the built-in development issuer on this app and makes it the API's authority.
    /// Anywhere else it does nothing, and the bearer settings validator demands a real issuer.
    /// </summary>
    public static WebApplicationBuilder AddDevelopmentIssuerIfNoAuthority(this WebApplicationBuilder builder)
    {
        var bearer = builder.Configuration.GetSection(BearerTokenSettings.SectionName).Get<BearerTokenSettings>() ?? new();
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(bearer.DiscoveryAddress))
        {
            return builder;
        }

        builder.AddDevelopmentIssuer(new ProtectedApi(bearer.Audiences, [.. ApiScopes.Descriptions.Keys]));
        builder.Services.AddSingleton<IDefaultAuthority, DevelopmentIssuerAuthority>();
        return builder;
    }
}
