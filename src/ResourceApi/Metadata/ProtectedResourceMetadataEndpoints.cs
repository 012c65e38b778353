using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;
using ResourceApi.BearerErrors;
using ResourceApi.ScopePolicies;

namespace ResourceApi.Metadata;

public static class ProtectedResourceMetadataEndpoints
{
    /// <summary>
    /// The resource identifier from <c>ProtectedResource</c> (checked at start), and every Bearer challenge
    /// pointing at the metadata URL derived from it (RFC 9728 §5.1). With no identifier, no metadata and
    /// no <c>resource_metadata</c>, and one Warning at start saying how to turn them on.
    /// </summary>
    public static IServiceCollection AddProtectedResourceMetadata(this IServiceCollection services)
    {
        services.AddOptions<ProtectedResourceSettings>().BindConfiguration(ProtectedResourceSettings.SectionName).ValidateOnStart();
        services.ConfigureOptions<ProtectedResourceSettingsSetup>();
        services.AddSingleton<IValidateOptions<ProtectedResourceSettings>, ProtectedResourceSettingsValidator>();
        services.AddHostedService<ProtectedResourceStartupWarnings>();
        services.AddSingleton<ResourceIdentifier>();
        // Read at the first challenge, once the server listens (a Development identifier is its address).
        services.AddOptions<BearerChallengeOptions>().Configure<ResourceIdentifier>((o, identifier) =>
            o.ResourceMetadataUrl = identifier.IsConfigured ? identifier.MetadataUrl : null);
        return services;
    }

    /// <summary>
    /// Anonymous by design: a client reads it before it has a token. Served at the path the identifier gives
    /// (RFC 9728 §3.1); with no identifier, that path answers 404, which tells a client there is no metadata
    /// where the default-deny 401 would send it looking for a token.
    /// </summary>
    public static IEndpointConventionBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder routes)
    {
        var identifier = routes.ServiceProvider.GetRequiredService<ResourceIdentifier>();
        return identifier.IsConfigured
            ? routes.MapGet(identifier.MetadataPath, GetMetadata).AllowAnonymous().WithTags("Metadata").WithName("GetProtectedResourceMetadata")
            : routes.MapGet(identifier.MetadataPath, () => TypedResults.NotFound()).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// RFC 9728 metadata: this API's resource identifier, its authorization server (the issuer whose
    /// keys it trusts) and every scope its endpoints and their named policies declare, read from the
    /// same declarations that enforce them.
    /// </summary>
    internal static async Task<Ok<ProtectedResourceMetadata>> GetMetadata(HttpResponse response, ResourceIdentifier identifier, IOptions<ProtectedResourceSettings> settings,
        IssuerDiscovery discovery, TrustedSchemes schemes, DeclaredScopes declared, IOptionsMonitor<AccessTokenOptions> accessTokens, CancellationToken cancellationToken)
    {
        // DPoP per trusted issuer: announced when any takes it; required only when every one requires it.
        var dpop = schemes.Names.Select(scheme => accessTokens.Get(scheme).Dpop).ToArray();
        var taking = dpop.Where(d => d.Mode != DpopMode.Disabled).ToArray();
        // The same for every caller, and it changes only with a redeployment: a client may keep it a few minutes.
        response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)settings.Value.MetadataMaxAge.TotalSeconds}");
        return TypedResults.Ok(new ProtectedResourceMetadata(
            // §3.3: the identifier the well-known suffix was inserted into, as configured, whatever Host the request named.
            Resource: identifier.Value,
            AuthorizationServers: await AuthorizationServersAsync(discovery, schemes, cancellationToken),
            ScopesSupported: await declared.AllAsync(),
            BearerMethodsSupported: ["header"],
            ResourceName: "ResourceApi",
            DpopSigningAlgValuesSupported: taking.Length == 0 ? null : [.. taking.SelectMany(d => d.SupportedAlgorithms()).Distinct(StringComparer.Ordinal)],
            DpopBoundAccessTokensRequired: dpop.All(d => d.Mode == DpopMode.Required)));
    }

    // Every trusted issuer as its own metadata states it; its configured authority when that cannot be read.
    private static async Task<string[]> AuthorizationServersAsync(IssuerDiscovery discovery, TrustedSchemes schemes, CancellationToken cancellationToken)
    {
        var servers = await Task.WhenAll(schemes.Names.Select(async scheme =>
        {
            try
            {
                return (await discovery.GetConfigurationAsync(scheme, cancellationToken)).Issuer;
            }
            catch (InvalidOperationException)
            {
                return discovery.AuthorityOf(scheme);
            }
        }));
        return [.. servers.OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }
}
