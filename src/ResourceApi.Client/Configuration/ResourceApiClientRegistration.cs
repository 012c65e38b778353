using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using ResourceApi.Client.Api;
using ResourceApi.Client.Dpop;
using ResourceApi.Client.Settings;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Configuration;

public static class ResourceApiClientRegistration
{
    /// <summary>
    /// Adds <see cref="ResourceApiClient"/>: an <c>IHttpClientFactory</c> client whose
    /// <see cref="AccessTokenHandler"/> attaches a cached client-credentials token (DPoP-bound, with a
    /// fresh proof per attempt, when <c>Dpop:Enabled</c>), and whose resilience handler retries transient
    /// failures with backoff and jitter (a POST only when the API cannot have acted on it). Settings come from the
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
        services.AddTransient<AccessTokenHandler>();
        services.AddTransient<ClientAssertionHandler>();
        // DPoP: one key per process (ephemeral, or from Dpop:PrivateKeyFile), checked at start; the nonces each server gave.
        services.AddSingleton(provider =>
            DpopKey.TryLoad(provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value.Dpop, provider.GetRequiredService<TimeProvider>(), out var problem)
                ?? throw new InvalidOperationException(problem));
        services.AddSingleton<DpopNonces>();

        // Discovery and token requests: retried on 5xx, 408, 429, timeouts and refused connections,
        // all of it within IssuerTimeout (a new token is no side effect worth guarding). Inside the
        // retries, each attempt gets its own DPoP proof, then its own client assertion.
        var issuer = services.AddHttpClient(TokenEndpointClient.HttpClientName);
        issuer.AddStandardResilienceHandler()
            .Configure((options, provider) =>
            {
                var settings = provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value;
                Bound(options, settings.IssuerTimeout, settings);
            });
        issuer.AddHttpMessageHandler(provider => DpopHandler(provider, DpopProofHandler.Server.Issuer))
            .AddHttpMessageHandler<ClientAssertionHandler>();

        // The API: the token handler outside the resilience handler, so a retried 503 reuses the token
        // and a refused token is renewed once, not once per retry; the DPoP proof inside it, so each
        // attempt carries a fresh one. A POST is retried only when the API cannot have acted on it.
        var api = services.AddHttpClient<ResourceApiClient>((provider, http) =>
            {
                var settings = provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value;
                http.BaseAddress = new Uri(settings.ApiBaseUrl!.AbsoluteUri.TrimEnd('/') + "/");
            })
            .AddHttpMessageHandler<AccessTokenHandler>();
        api.AddStandardResilienceHandler()
            .Configure((options, provider) =>
            {
                var settings = provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value;
                Bound(options, settings.ApiTimeout, settings);
                options.Retry.ShouldHandle = ApiRetryRules.ShouldRetry;
            });
        api.AddHttpMessageHandler(provider => DpopHandler(provider, DpopProofHandler.Server.Api));

        return services;
    }

    // Off, a handler that adds nothing: the chain is the same either way, and no key is made.
    private static DpopProofHandler DpopHandler(IServiceProvider provider, DpopProofHandler.Server server) =>
        new(provider.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value.Dpop.Enabled ? provider.GetRequiredService<DpopKey>() : null,
            provider.GetRequiredService<DpopNonces>(), server, provider.GetRequiredService<ILogger<DpopProofHandler>>());

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
