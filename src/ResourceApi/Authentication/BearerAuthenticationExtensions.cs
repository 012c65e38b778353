using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.Authentication.Presets;
using ResourceApi.Authentication.TokenCache;
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
        services.RemoveDataProtectionStartup();
        services.ConfigureOptions<AccessTokenOptionsSetup>();
        services.ConfigureOptions<StrictJwtBearerSetup>();
        services.AddValidatedTokenCache(scheme); // after the setup above: it wraps the handler that adds
        services.AddSingleton<IValidateOptions<JwtBearerOptions>, BearerSettingsValidator>();
        services.AddOptions<JwtBearerOptions>(scheme).ValidateOnStart();

        services.ConfigureOptions<IssuerPresetSetup>();

        // Each scheme's preset puts the granted permissions into one "scope" claim at authentication
        // (AccessTokenClaims), so scope policies read that one claim whichever issuer minted the token.
        services.AddOptions<ScopeClaimOptions>().Configure(scopes => scopes.ClaimTypes.Add(AccessTokenClaims.Scope));
        return services;
    }

    // AddAuthentication registers Data Protection for cookie-style handlers, and its hosted service loads
    // (or creates and writes to disk) a key ring at start. Bearer validation never uses it: without the
    // hosted service nothing is written and no XML key code is loaded. Anything that does use Data
    // Protection (nothing here today) still gets it, with the key ring read on first use.
    private static void RemoveDataProtectionStartup(this IServiceCollection services)
    {
        const string hostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == hostedService)
            {
                services.RemoveAt(i);
            }
        }
    }
}
