using Microsoft.OpenApi;
using ResourceApi.Authorization;
using ResourceApi.Scopes;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResourceApi.OpenApi;

/// <summary>
/// Declares the <c>oauth2</c> client-credentials scheme every operation refers to: the token URL from
/// the issuer's discovery document at generation time, and every scope with its description.
/// </summary>
internal sealed class OAuth2SecuritySchemeDocumentFilter(TokenEndpointResolver tokenEndpoints) : IDocumentAsyncFilter
{
    public async Task ApplyAsync(OpenApiDocument swaggerDoc, DocumentFilterContext context, CancellationToken cancellationToken)
    {
        var tokenEndpoint = await tokenEndpoints.ResolveAsync(cancellationToken);

        var scopes = new Dictionary<string, string>(ApiScopes.Descriptions, StringComparer.Ordinal);
        // A scope an endpoint names but ApiScopes does not describe must still be selectable in the UI.
        var declared = context.ApiDescriptions
            .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<ScopeRequirement>())
            .SelectMany(r => r.Scopes);
        foreach (var scope in declared)
        {
            scopes.TryAdd(scope, "Required by an endpoint; not described in ApiScopes.");
        }

        var description = "OAuth 2.0 client credentials (RFC 6749 section 4.4): get a token from the issuer's token endpoint "
            + "and send it as `Authorization: Bearer <token>`. Each operation lists the scopes it needs.";
        if (tokenEndpoint.Warning is not null)
        {
            description += "\n\n" + tokenEndpoint.Warning;
        }

        swaggerDoc.Components ??= new OpenApiComponents();
        swaggerDoc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        swaggerDoc.Components.SecuritySchemes[OAuth2Scheme.Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = description,
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = tokenEndpoint.Url,
                    Scopes = scopes,
                },
            },
        };
    }
}
