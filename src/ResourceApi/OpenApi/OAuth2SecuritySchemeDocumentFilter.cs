using Microsoft.OpenApi;
using ResourceApi.ScopePolicies;
using ResourceApi.Scopes;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResourceApi.OpenApi;

/// <summary>
/// Declares the <c>oauth2</c> client-credentials scheme every operation refers to: the token URL from
/// the issuer's discovery document at generation time, and every declared scope with its description.
/// </summary>
internal sealed class OAuth2SecuritySchemeDocumentFilter(TokenEndpointResolver tokenEndpoints, DeclaredScopes declared) : IDocumentAsyncFilter
{
    public async Task ApplyAsync(OpenApiDocument swaggerDoc, DocumentFilterContext context, CancellationToken cancellationToken)
    {
        var tokenEndpoint = await tokenEndpoints.ResolveAsync(cancellationToken);

        // Every scope the endpoints need, so the Authorize dialog offers exactly those; a scope ApiScopes
        // does not describe is still listed, with a note.
        var scopes = (await declared.AllAsync()).ToDictionary(
            scope => scope,
            scope => ApiScopes.Descriptions.GetValueOrDefault(scope, "Required by an endpoint; not described in ApiScopes."),
            StringComparer.Ordinal);

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
