using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.Authorization;

namespace ResourceApi.Authentication;

public static class BearerAuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation against the issuer in <c>Authentication:Schemes:Bearer</c>: keys from its
    /// discovery document and JWKS, every check on, settings validated at start.
    /// </summary>
    public static IServiceCollection AddBearerTokenValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BearerTokenSettings>()
            .Bind(configuration.GetSection(BearerTokenSettings.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BearerTokenSettings>, BearerTokenSettingsValidator>();

        services.AddSingleton<BearerEvents>();
        services.AddSingleton<IssuerDiscovery>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.ConfigureOptions<StrictJwtBearerOptions>();

        // The scope claims an issuer uses are a property of the issuer, so they are configured beside it.
        services.AddOptions<ScopeClaimOptions>().Configure<IOptions<BearerTokenSettings>>((scopes, bearer) =>
        {
            foreach (var type in bearer.Value.EffectiveScopeClaimTypes)
            {
                scopes.ClaimTypes.Add(type);
            }
        });
        return services;
    }
}
