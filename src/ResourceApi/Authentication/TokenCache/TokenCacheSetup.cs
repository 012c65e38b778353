using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication.TokenCache;

/// <summary>
/// Wraps the scheme's <see cref="AccessTokenHandler"/> in a <see cref="CachingTokenHandler"/> with a new,
/// empty cache each time the scheme's settings are built. So the cache belongs to one set of validation
/// settings: when they change (the options are rebuilt), the entries validated under the old ones go with them.
/// Registered after <see cref="StrictJwtBearerSetup"/>, which adds the handler.
/// </summary>
internal sealed class TokenCacheSetup(IOptionsMonitor<TokenCacheOptions> cacheOptions, TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var settings = cacheOptions.Get(name);
        if (!settings.Enabled)
        {
            return;
        }

        for (var i = 0; i < options.TokenHandlers.Count; i++)
        {
            if (options.TokenHandlers[i] is AccessTokenHandler handler)
            {
                options.TokenHandlers[i] = new CachingTokenHandler(handler, new ValidatedTokenCache(settings.MaxEntries, time));
            }
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
