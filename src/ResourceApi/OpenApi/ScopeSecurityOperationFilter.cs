using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResourceApi.OpenApi;

/// <summary>
/// Gives each operation the security requirement its endpoint enforces, read from the endpoint's own
/// metadata, so the document cannot drift from the rules. All-of scopes become one requirement
/// object; any-of scopes become one object per alternative (OpenAPI ORs the objects).
/// </summary>
internal sealed class ScopeSecurityOperationFilter(IOptions<AuthorizationOptions> authorization) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var security = EndpointSecurity.For(context.ApiDescription.ActionDescriptor.EndpointMetadata, authorization.Value.FallbackPolicy is not null);
        if (security is null)
        {
            return;
        }

        operation.Security = [.. security.Alternatives.Select(scopes => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(OAuth2Scheme.Name, context.Document)] = [.. scopes],
        })];

        operation.Description = string.IsNullOrWhiteSpace(operation.Description)
            ? security.Describe()
            : operation.Description + "\n\n" + security.Describe();

        var requirements = new JsonArray([.. security.Requirements.Select(r => (JsonNode)new JsonObject
        {
            ["match"] = r.Match.ToString().ToLowerInvariant(),
            ["scopes"] = new JsonArray([.. r.Scopes.Select(s => (JsonNode)JsonValue.Create(s))]),
        })]);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[OAuth2Scheme.RequiredScopesExtension] = new JsonNodeExtension(requirements);
    }
}
