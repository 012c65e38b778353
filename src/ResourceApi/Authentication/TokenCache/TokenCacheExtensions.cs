using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication.TokenCache;

public static class TokenCacheExtensions
{
    /// <summary>
    /// Remembers tokens that passed full validation (by SHA-256 of the token, per scheme, bounded) so a
    /// repeated token skips the signature check. On by default; <c>Authentication:Schemes:{scheme}:TokenCache:Enabled=false</c>
    /// turns it off. Call after the bearer scheme's own setup.
    /// </summary>
    public static IServiceCollection AddValidatedTokenCache(this IServiceCollection services, string scheme = JwtBearerDefaults.AuthenticationScheme)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureOptions<TokenCacheOptionsSetup>();
        services.AddSingleton<IValidateOptions<TokenCacheOptions>, TokenCacheOptionsValidator>();
        services.AddOptions<TokenCacheOptions>(scheme).ValidateOnStart();
        services.ConfigureOptions<TokenCacheSetup>();
        return services;
    }
}
