using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ResourceApi.AccessTokens;
using ResourceApi.BearerErrors;
using ResourceApi.ScopePolicies;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResourceApi.OpenApi;

/// <summary>
/// Gives each operation what its endpoint enforces, read by <see cref="DeclaredScopes"/> from the same
/// declarations the authorization middleware evaluates (RequireScope metadata and named policies), so
/// the document cannot drift from the rules: the security requirement (OpenAPI ORs the objects, so one
/// object per trusted issuer and per alternative: all-of scopes in one object, any-of scopes one
/// object each), a sentence saying what is needed, whether DPoP-bound tokens are taken (from each scheme's
/// <c>Dpop:Mode</c>, <see cref="DpopDocumentation"/>), and the refusals RFC 6750 and this API answer with.
/// </summary>
internal sealed class SecurityOperationFilter(DeclaredScopes declared, TrustedSchemes issuers, IOptionsMonitor<AccessTokenOptions> accessTokens) : IOperationAsyncFilter
{
    private const string ProblemJson = "application/problem+json";

    public async Task ApplyAsync(OpenApiOperation operation, OperationFilterContext context, CancellationToken cancellationToken)
    {
        var access = await declared.ForEndpointAsync([.. context.ApiDescription.ActionDescriptor.EndpointMetadata]);
        if (access is null)
        {
            return;
        }

        // A token from any trusted issuer, each with the same scopes: scope policies apply to every issuer alike.
        operation.Security = [.. issuers.Names.SelectMany(scheme => access.Alternatives.Select(scopes => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(OAuth2Scheme.NameFor(scheme), context.Document)] = [.. scopes],
        }))];

        operation.Description = string.IsNullOrWhiteSpace(operation.Description)
            ? access.Describe()
            : operation.Description + "\n\n" + access.Describe();

        var requirements = new JsonArray([.. access.ScopeRequirements.Select(r => (JsonNode)new JsonObject
        {
            ["match"] = ScopeWords.MatchName(r.Match),
            ["scopes"] = new JsonArray([.. r.Scopes.Select(s => (JsonNode)JsonValue.Create(s))]),
        })]);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[OAuth2Scheme.RequiredScopesExtension] = new JsonNodeExtension(requirements);

        var dpop = issuers.Names.Select(scheme => (scheme, accessTokens.Get(scheme).Dpop)).ToList();
        DpopDocumentation.Apply(operation, dpop);

        var dpopAlgorithms = dpop.Where(d => d.Dpop.Mode != DpopMode.Disabled).Select(d => DpopDocumentation.Algorithms(d.Dpop)).FirstOrDefault();
        AddRefusals(operation, context, access, dpopAlgorithms);
    }

    // dpopAlgorithms: those of the first scheme taking DPoP; null when none does.
    private static void AddRefusals(OpenApiOperation operation, OperationFilterContext context, EndpointAccess access, IReadOnlyList<string>? dpopAlgorithms)
    {
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];

        // Any protected request can carry a malformed Authorization header or a token in the query string.
        Add(operation, problem, "400",
            "Bad request: the token was sent in a way RFC 6750 does not allow (`invalid_request`)" +
            (HasInput(context) ? ", or the parameters or body failed validation." : "."),
            $"`{Example(BearerError.InvalidRequest("..."))}` when the token was sent the wrong way.");

        Add(operation, problem, "401",
            "No access token, or one that is invalid: expired, not yet valid, wrongly signed, or for another issuer or audience (`invalid_token`).",
            $"`{Example(BearerError.MissingToken())}` when no token was sent; `{Example(BearerError.InvalidToken("..."))}` "
            + "when it was refused. resource_metadata is the URL of this API's RFC 9728 metadata, which names the authorization server."
            + (dpopAlgorithms is null ? "" : $" Where DPoP is taken, a missing token gets both challenges, `{Example(BearerError.MissingToken() with { DpopAlgorithms = dpopAlgorithms })}`, "
                + $"and a refused DPoP proof gets `{Example(BearerError.InvalidToken("...") with { Code = "invalid_dpop_proof", Scheme = BearerError.DpopScheme, DpopAlgorithms = dpopAlgorithms })}`."));

        if (access.CanForbid)
        {
            var scopes = access.Scopes;
            var refusal = scopes.Count > 0
                ? "The token is valid but lacks the scopes this operation needs (`insufficient_scope`). " + access.Describe()
                : "The token is valid but does not satisfy this operation's authorization policy.";
            var header = scopes.Count > 0
                ? $"`{Example(ScopeWords.InsufficientScope(ScopeMatch.All, scopes) with { Description = "..." })}`."
                : "None: no other token would help.";
            Add(operation, problem, "403", refusal, header);
        }
    }

    // The header exactly as BearerErrorResponse writes it, with a placeholder metadata URL.
    private static string Example(BearerError error) => BearerChallenge.Format(error, "...");

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
