using Microsoft.AspNetCore.Http.HttpResults;
using ResourceApi.Authentication;
using ResourceApi.Authentication.Issuers;
using ResourceApi.ScopePolicies;

namespace ResourceApi.Metadata;

public static class ProtectedResourceMetadataEndpoints
{
    public const string Path = "/.well-known/oauth-protected-resource";

    /// <summary>Makes every Bearer challenge point at the metadata (RFC 9728 §5.1).</summary>
    public static IServiceCollection AddProtectedResourceMetadata(this IServiceCollection services) =>
        services.Configure<BearerChallengeOptions>(o => o.ResourceMetadataPath = Path);

    /// <summary>Anonymous by design: a client reads it before it has a token.</summary>
    public static IEndpointConventionBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder routes) =>
        routes.MapGet(Path, GetMetadata).AllowAnonymous().WithTags("Metadata").WithName("GetProtectedResourceMetadata");

    /// <summary>
    /// RFC 9728 metadata: this API's resource identifier, its authorization server (the issuer whose
    /// keys it trusts) and every scope its endpoints and their named policies declare, read from the
    /// same declarations that enforce them.
    /// </summary>
    internal static async Task<Ok<ProtectedResourceMetadata>> GetMetadata(
        HttpRequest request, IssuerDiscovery discovery, TrustedIssuerSchemes schemes, DeclaredScopes declared, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(new ProtectedResourceMetadata(
            // §3.3: the identifier the well-known suffix was appended to, i.e. this API's base URL.
            Resource: $"{request.Scheme}://{request.Host}{request.PathBase}",
            AuthorizationServers: await AuthorizationServersAsync(discovery, schemes, cancellationToken),
            ScopesSupported: await declared.AllAsync(),
            BearerMethodsSupported: ["header"],
            ResourceName: "ResourceApi"));
    }

    // Every trusted issuer as its own metadata states it; its configured authority when that cannot be read.
    private static async Task<string[]> AuthorizationServersAsync(IssuerDiscovery discovery, TrustedIssuerSchemes schemes, CancellationToken cancellationToken)
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
