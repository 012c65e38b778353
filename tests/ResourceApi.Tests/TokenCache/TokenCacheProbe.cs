using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;

namespace ResourceApi.Tests.TokenCache;

/// <summary>The validated-token cache a host's bearer scheme uses right now, for tests to count hits and entries.</summary>
internal static class TokenCacheProbe
{
    public static ValidatedTokenCache? CacheOf(WebApplicationFactory<Program> factory, string scheme = JwtBearerDefaults.AuthenticationScheme) =>
        factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(scheme)
            .TokenHandlers.OfType<CachingTokenHandler>().SingleOrDefault()?.Cache;

    public static ValidatedTokenCache RequiredCacheOf(WebApplicationFactory<Program> factory, string scheme = JwtBearerDefaults.AuthenticationScheme) =>
        CacheOf(factory, scheme) ?? throw new InvalidOperationException($"The scheme {scheme} has no validated-token cache.");
}
