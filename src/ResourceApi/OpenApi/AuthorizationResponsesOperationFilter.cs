using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResourceApi.OpenApi;

/// <summary>
/// Documents the refusals every protected operation can answer with, as RFC 6750 and this API write
/// them: a Problem Details body and a <c>WWW-Authenticate: Bearer</c> header. Derived from the same
/// endpoint metadata as the security requirement, so no endpoint lists them by hand.
/// </summary>
internal sealed class AuthorizationResponsesOperationFilter(IOptions<AuthorizationOptions> authorization) : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var security = EndpointSecurity.For(metadata, authorization.Value.FallbackPolicy is not null);
        if (security is null)
        {
            return;
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];

        // Any protected request can carry a malformed Authorization header or a token in the query string.
        Add(operation, problem, "400",
            "Bad request: the token was sent in a way RFC 6750 does not allow (`invalid_request`)" +
            (HasInput(context) ? ", or the parameters or body failed validation." : "."),
            "`Bearer error=\"invalid_request\", error_description=\"...\"` when the token was sent the wrong way.");

        Add(operation, problem, "401",
            "No access token, or one that is invalid: expired, not yet valid, wrongly signed, or for another issuer or audience (`invalid_token`).",
            "`Bearer resource_metadata=\"...\"` when no token was sent; `Bearer error=\"invalid_token\", error_description=\"...\", resource_metadata=\"...\"` "
            + "when it was refused. resource_metadata is the URL of this API's RFC 9728 metadata, which names the authorization server.");

        if (security.Requirements.Count > 0 || metadata.OfType<IAuthorizeData>().Any(d => d.Policy is not null || d.Roles is not null))
        {
            var scopes = string.Join(" ", security.Requirements.SelectMany(r => r.Scopes).Distinct(StringComparer.Ordinal));
            Add(operation, problem, "403",
                "The token is valid but lacks the scopes this operation needs (`insufficient_scope`). " + security.Describe(),
                $"`Bearer error=\"insufficient_scope\", error_description=\"...\", scope=\"{scopes}\"`.");
        }
    }

    private static bool HasInput(OperationFilterContext context) =>
        context.ApiDescription.ParameterDescriptions.Any(p => p.Source.Id is "Query" or "Body" or "Form");

    private static void Add(OpenApiOperation operation, IOpenApiSchema problem, string status, string description, string challenge)
    {
        var header = new OpenApiHeader
        {
            Description = "The RFC 6750 section 3 challenge: " + challenge,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };

        // A response the handler already declares (e.g. 400 validation problems) keeps its own schema.
        if (operation.Responses!.TryGetValue(status, out var existing) && existing is OpenApiResponse declared)
        {
            declared.Description = string.IsNullOrWhiteSpace(declared.Description) || declared.Description == "Bad Request"
                ? description
                : declared.Description + " " + description;
            declared.Headers ??= new Dictionary<string, IOpenApiHeader>();
            declared.Headers.TryAdd("WWW-Authenticate", header);
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Headers = new Dictionary<string, IOpenApiHeader> { ["WWW-Authenticate"] = header },
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = problem } },
        };
    }
}
