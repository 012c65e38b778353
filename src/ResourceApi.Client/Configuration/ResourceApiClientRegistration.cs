using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using ResourceApi.Client.Api;
using ResourceApi.Client.Settings;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Configuration;

public static class ResourceApiClientRegistration
{
    /// <summary>
    /// Adds <see cref="ResourceApiClient"/>: an <c>IHttpClientFactory</c> client whose
    /// <see cref="BearerTokenHandler"/> attaches a cached client-credentials token, and whose resilience
    /// handler retries transient failures with backoff and jitter. Settings come from the
    /// <c>ResourceApiClient</c> section and are checked at start.
    /// </summary>
    public static IServiceCollection AddResourceApiClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResourceApiClientSettings>()
            .Bind(configuration.GetSection(ResourceApiClientSettings.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResourceApiClientSettings>, ResourceApiClientSettingsValidator>();
        // No Authority: the issuer the API's RFC 9728 metadata names (Configuration/AuthorityFromResourceMetadata).
        services.AddHttpClient();
        services.AddSingleton<IPostConfigureOptions<ResourceApiClientSettings>, AuthorityFromResourceMetadata>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenEndpointClient>();
        services.AddSingleton<AccessTokenCache>();
        services.AddTransient<BearerTokenHandler>();

        // Discovery and token requests: retried on 5xx, 408, 429, timeouts and refused connections,
        // all of it within IssuerTimeout.
        services.AddHttpClient(TokenEndpointClient.HttpClientName)
            .AddStandardResilienceHandler()
            .Configure((options, provider) =>
            {
                var settings = provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value;
                Bound(options, settings.IssuerTimeout, settings);
            });

        // The API: the token handler outside the resilience handler, so a retried 503 reuses the token
        // and a refused token is renewed once, not once per retry.
        services.AddHttpClient<ResourceApiClient>((provider, http) =>
            {
                var settings = provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value;
                http.BaseAddress = new Uri(settings.ApiBaseUrl!.AbsoluteUri.TrimEnd('/') + "/");
            })
            .AddHttpMessageHandler<BearerTokenHandler>()
            .AddStandardResilienceHandler()
            .Configure((options, provider) =>
            {
                var settings = provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value;
                Bound(options, settings.ApiTimeout, settings);
            });

        return services;
    }

    private static void Bound(HttpStandardResilienceOptions options, TimeSpan total, ResourceApiClientSettings settings)
    {
        options.TotalRequestTimeout.Timeout = total;
        // Half the total: a hung attempt still leaves time for one more.
        options.AttemptTimeout.Timeout = total / 2;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, (total / 2 * 2).Ticks));
        options.Retry.MaxRetryAttempts = settings.MaxRetries;
        options.Retry.Delay = settings.RetryDelay;
        options.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        // Jitter spreads the retries of many instances, so a recovering server is not hit all at once.
        options.Retry.UseJitter = true;
    }
}
