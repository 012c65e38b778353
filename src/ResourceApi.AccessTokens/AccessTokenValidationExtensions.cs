using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>The library's one entry: <see cref="AddAccessTokenValidation"/>.</summary>
public static class AccessTokenValidationExtensions
{
    /// <summary>With several trusted issuers, the default scheme: it forwards each request to the scheme its token's <c>iss</c> names.</summary>
    public const string ForwardingScheme = "TrustedIssuers";

    /// <summary>The tag of the per-scheme signing-key health checks: the readiness probe's.</summary>
    public const string ReadinessTag = "ready";

    /// <summary>
    /// Bearer JWT validation for every issuer under <c>Authentication:Schemes:{name}</c> (<see cref="TrustedSchemes.From"/>):
    /// one JwtBearer scheme each, bound from its section with <see cref="AccessTokenOptions"/> for what the framework
    /// has no setting for, every check on, its signing keys fetched and refreshed in the background with stated
    /// bounds, a readiness check named <c>signing_keys:{name}</c>, and settings that cannot work stopping the app
    /// at start. With several issuers, the token's <c>iss</c> picks the scheme that checks it, from configuration
    /// alone; a token from any other issuer is refused without an outbound request.
    /// </summary>
    public static IServiceCollection AddAccessTokenValidation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var schemes = TrustedSchemes.From(configuration);
        services.AddSingleton(schemes);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuthenticationMetrics>();
        services.TryAddSingleton<RefusalSummary>();
        services.AddHostedService(sp => sp.GetRequiredService<RefusalSummary>());
        services.TryAddSingleton<SigningKeySourceFactory>();
        services.AddHostedService<KeySetRefresher>();
        services.AddSingleton<BearerEvents>();
        // In process by default, bounded; AddDistributedDpopReplayCache (before or after this call) shares it across replicas.
        services.AddOptions<DpopReplayCacheOptions>().BindConfiguration(DpopReplayCacheOptions.SectionPath)
            .Validate(o => o.MaxEntries is >= DpopReplayCacheOptions.LowestMaxEntries and <= DpopReplayCacheOptions.HighestMaxEntries,
                $"{DpopReplayCacheOptions.SectionPath}:MaxEntries must be between {DpopReplayCacheOptions.LowestMaxEntries:N0} and {DpopReplayCacheOptions.HighestMaxEntries:N0} (default {MemoryDpopReplayCache.DefaultMaxEntries:N0}).")
            .ValidateOnStart();
        services.TryAddSingleton<IDpopReplayCache>(sp => new MemoryDpopReplayCache(
            sp.GetRequiredService<IOptions<DpopReplayCacheOptions>>().Value.MaxEntries, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DpopRequestCheck>();
        services.AddSingleton<IssuerDiscovery>();

        var authentication = services.AddAuthentication(schemes.AreSeveral ? ForwardingScheme : schemes.Names[0]);
        var health = services.AddHealthChecks();
        foreach (var name in schemes.Names)
        {
            authentication.AddJwtBearer(name);
            services.AddOptions<JwtBearerOptions>(name).ValidateOnStart();
            health.Add(new HealthCheckRegistration(SigningKeysHealthCheck.NamePrefix + name,
                sp => new SigningKeysHealthCheck(name, sp.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()), failureStatus: null, tags: [ReadinessTag]));
        }

        // One setup per scheme, in the order its Configure method states, after the framework's binding of
        // the scheme's section (which AddJwtBearer registers); one validator for all its settings.
        services.ConfigureOptions<AccessTokenOptionsSetup>();
        services.ConfigureOptions<JwtBearerSchemeSetup>();
        services.AddSingleton<IValidateOptions<JwtBearerOptions>, SchemeSettingsValidator>();

        if (schemes.AreSeveral)
        {
            services.AddSingleton<IssuerSchemeSelector>();
            authentication.AddScheme<AuthenticationSchemeOptions, UntrustedIssuerHandler>(UntrustedIssuerHandler.SchemeName, null);
            authentication.AddPolicyScheme(ForwardingScheme, "Bearer token from any trusted issuer", o =>
                o.ForwardDefaultSelector = context => context.RequestServices.GetRequiredService<IssuerSchemeSelector>().Select(context));
        }

        // JwtBearerHandler logs every exception it passes to AuthenticationFailed as an Error with its
        // stack trace: during an issuer outage, one per request. BearerEvents and SigningKeySource log
        // what an operator needs instead (each refusal at Debug, an outage when it starts and ends).
        services.Configure<LoggerFilterOptions>(o => o.AddFilter("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler", LogLevel.Critical));
        services.RemoveDataProtectionStartup();
        return services;
    }

    // AddAuthentication registers Data Protection for cookie-style handlers, and its hosted service loads
    // (or creates and writes to disk) a key ring at start. Bearer validation never uses it: without the
    // hosted service nothing is written and no XML key code is loaded. Anything that does use Data
    // Protection still gets it, with the key ring read on first use.
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
