using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ResourceApi.AccessTokens;
using ResourceApi.ScopePolicies;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResourceApi.OpenApi;

/// <summary>
/// Declares one client-credentials scheme per trusted issuer (<c>oauth2</c> for <c>Bearer</c>,
/// <c>oauth2-{name}</c> for the others), which the operations refer to: the token URL from that issuer's
/// discovery document at generation time, the audience its token request names, and every declared
/// scope with the description its endpoints' <see cref="ScopeDescriptions"/> give it, and how the token is sent
/// (<c>Bearer</c>, or <c>DPoP</c> with a proof, from the scheme's <c>Dpop:Mode</c>: <see cref="DpopDocumentation"/>).
/// </summary>
internal sealed class OAuth2SecuritySchemeDocumentFilter(
    TrustedSchemes issuers, TokenEndpointResolver tokenEndpoints, IOptionsMonitor<JwtBearerOptions> bearer, DeclaredScopes declared,
    EndpointDataSource allEndpoints, IOptionsMonitor<AccessTokenOptions> accessTokens) : IDocumentAsyncFilter
{
    public async Task ApplyAsync(OpenApiDocument swaggerDoc, DocumentFilterContext context, CancellationToken cancellationToken)
    {
        // All at once: an unreachable issuer costs its timeout once, not once more for each issuer after it.
        var endpoints = await Task.WhenAll(issuers.Names.Select(scheme => tokenEndpoints.ResolveAsync(scheme, cancellationToken)));

        // Every scope the endpoints need, so the Authorize dialog offers exactly those; a scope no endpoint
        // describes is still listed, with a note.
        var descriptions = Descriptions();
        var scopes = (await declared.AllAsync()).ToDictionary(
            scope => scope,
            scope => descriptions.GetValueOrDefault(scope, "Required by an endpoint; no ScopeDescriptions on the endpoints describes it."),
            StringComparer.Ordinal);

        swaggerDoc.Components ??= new OpenApiComponents();
        swaggerDoc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (scheme, tokenEndpoint) in issuers.Names.Zip(endpoints))
        {
            swaggerDoc.Components.SecuritySchemes[OAuth2Scheme.NameFor(scheme)] = ClientCredentials(scheme, tokenEndpoint, scopes);
        }
    }

    // From every endpoint, as DeclaredScopes reads the scopes: a scope's words reach the dialog even when
    // the endpoint that describes it is not in the document. The first description of a scope wins.
    private Dictionary<string, string> Descriptions()
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metadata in allEndpoints.Endpoints.SelectMany(e => e.Metadata.GetOrderedMetadata<ScopeDescriptions>()))
        {
            foreach (var (scope, description) in metadata.Descriptions)
            {
                descriptions.TryAdd(scope, description);
            }
        }
        return descriptions;
    }

    private OpenApiSecurityScheme ClientCredentials(string scheme, TokenEndpoint tokenEndpoint, Dictionary<string, string> scopes)
    {
        var issuer = tokenEndpoint.Issuer is { Length: > 0 } url ? $"the issuer {url}" : "the issuer";
        var dpop = accessTokens.Get(scheme).Dpop;
        var description = $"Tokens from {issuer} (`Authentication:Schemes:{scheme}`). OAuth 2.0 client credentials (RFC 6749 section 4.4): "
            + "get a token from this issuer's token endpoint. " + DpopDocumentation.SchemeSentence(dpop) + " Each operation lists the scopes it needs.";
        if (tokenEndpoint.Warning is not null)
        {
            description += "\n\n" + tokenEndpoint.Warning;
        }

        var flow = new OpenApiOAuthFlow { TokenUrl = tokenEndpoint.Url, Scopes = scopes };
        // Each issuer knows this API by its own identifier (the scheme's first audience): Auth0 needs it in the request.
        if (bearer.Get(scheme).TokenValidationParameters.ValidAudiences?.FirstOrDefault() is { } audience)
        {
            flow.Extensions = new Dictionary<string, IOpenApiExtension> { [OAuth2Scheme.AudienceExtension] = new JsonNodeExtension(JsonValue.Create(audience)) };
        }

        return new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = description,
            Flows = new OpenApiOAuthFlows { ClientCredentials = flow },
            Extensions = new Dictionary<string, IOpenApiExtension> { [DpopDocumentation.Extension] = new JsonNodeExtension(DpopDocumentation.Describe(dpop)) },
        };
    }
}
