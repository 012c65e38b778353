using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.ScopePolicies;
using ResourceApi.SigningKeys;

namespace ResourceApi.Authentication;

public static class BearerAuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation against the issuer in <c>Authentication:Schemes:Bearer</c>: the framework
    /// binds <c>JwtBearerOptions</c> from it, <see cref="AccessTokenOptions"/> adds what the framework has
    /// no setting for, every check is on, and settings that cannot work stop the app at start.
    /// </summary>
    public static IServiceCollection AddBearerTokenValidation(this IServiceCollection services)
    {
        const string scheme = JwtBearerDefaults.AuthenticationScheme;

        services.AddSingleton<BearerEvents>();
        services.AddSingleton<IssuerDiscovery>();
        services.AddSigningKeys();
        services.AddAuthentication(scheme).AddJwtBearer();
        services.ConfigureOptions<AccessTokenOptionsSetup>();
        services.ConfigureOptions<StrictJwtBearerSetup>();
        services.AddSingleton<IValidateOptions<JwtBearerOptions>, BearerSettingsValidator>();
        services.AddOptions<JwtBearerOptions>(scheme).ValidateOnStart();

        // The scope claims an issuer uses are a property of the issuer, so they are configured beside it.
        services.AddOptions<ScopeClaimOptions>().Configure<IOptionsMonitor<AccessTokenOptions>>((scopes, tokens) =>
        {
            foreach (var type in tokens.Get(scheme).ScopeClaimTypes)
            {
                scopes.ClaimTypes.Add(type);
            }
        });
        return services;
    }
}
