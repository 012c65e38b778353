using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using ResourceApi.AccessTokens;
using ResourceApi.BearerErrors;
using ResourceApi.ScopePolicies;

namespace Company.ItemsApi.Metadata;

/// <summary>The RFC 9728 protected resource metadata document.</summary>
public sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported);

public static class ProtectedResourceMetadataEndpoints
{
    /// <summary>The resource identifier (checked at start), and every Bearer challenge naming the metadata URL (RFC 9728 §5.1).</summary>
    public static IServiceCollection AddProtectedResourceMetadata(this IServiceCollection services, IConfiguration configuration)
    {
        var identifier = ResourceIdentifier.From(configuration);
        services.AddSingleton(identifier);
        services.Configure<BearerChallengeOptions>(o => o.ResourceMetadataUrl = identifier.MetadataUrl);
        return services;
    }

    /// <summary>Anonymous by design: a client reads it before it has a token.</summary>
    public static IEndpointConventionBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder routes)
    {
        var identifier = routes.ServiceProvider.GetRequiredService<ResourceIdentifier>();
        return routes.MapGet(identifier.MetadataPath, GetMetadata).AllowAnonymous();
    }

    // The issuer as its own discovery document states it, and every scope the endpoints declare.
    private static async Task<Ok<ProtectedResourceMetadata>> GetMetadata(ResourceIdentifier identifier, IssuerDiscovery discovery,
        DeclaredScopes declared, CancellationToken cancellationToken)
    {
        string? issuer;
        try
        {
            issuer = (await discovery.GetConfigurationAsync(JwtBearerDefaults.AuthenticationScheme, cancellationToken)).Issuer;
        }
        catch (InvalidOperationException)
        {
            issuer = discovery.AuthorityOf(JwtBearerDefaults.AuthenticationScheme);
        }
        return TypedResults.Ok(new ProtectedResourceMetadata(identifier.Value.AbsoluteUri, issuer is null ? [] : [issuer],
            await declared.AllAsync(), ["header"]));
    }
}
