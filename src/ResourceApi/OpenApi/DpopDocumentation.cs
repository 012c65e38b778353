using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ResourceApi.AccessTokens;

namespace ResourceApi.OpenApi;

/// <summary>
/// What the document says about DPoP (RFC 9449), derived from each scheme's <c>Dpop:Mode</c> and algorithms, never
/// written by hand: a sentence and an <c>x-dpop</c> extension on each security scheme, and on each operation a
/// sentence, the same extension and the <c>DPoP</c> header it takes. OpenAPI has no DPoP security scheme type, so the
/// oauth2 scheme (how to get a token) stays the one the operations name.
/// </summary>
internal static class DpopDocumentation
{
    /// <summary>On a security scheme: <c>{"mode": "Allowed", "algs": [...]}</c>; on an operation: one such object per scheme.</summary>
    public const string Extension = "x-dpop";

    public const string HeaderName = "DPoP";

    /// <summary>The proof algorithms a scheme accepts: its allow-list, in the library's order.</summary>
    public static IReadOnlyList<string> Algorithms(DpopOptions dpop) => [.. DpopOptions.DefaultAlgorithms.Where(dpop.Algorithms.Contains)];

    public static string SchemeSentence(DpopOptions dpop) => dpop.Mode switch
    {
        DpopMode.Disabled => "Send the token as `Authorization: Bearer <token>`.",
        DpopMode.Required => "DPoP required (RFC 9449): only a DPoP-bound token (token response `token_type: DPoP`, claim `cnf.jkt`), sent as "
            + $"`Authorization: DPoP <token>` with a fresh `DPoP` proof header per request signed by its key ({string.Join(", ", Algorithms(dpop))}). "
            + "Swagger UI cannot sign proofs: call with a client that does (the calling service, `src/ResourceApi.Client`).",
        _ => "Send the token as `Authorization: Bearer <token>`; a DPoP-bound token (RFC 9449, token response `token_type: DPoP`) as "
            + $"`Authorization: DPoP <token>` with a fresh `DPoP` proof header per request signed by its key ({string.Join(", ", Algorithms(dpop))}).",
    };

    public static JsonObject Describe(DpopOptions dpop) => new()
    {
        ["mode"] = dpop.Mode.ToString(),
        ["algs"] = new JsonArray([.. Algorithms(dpop).Select(a => (JsonNode)JsonValue.Create(a))]),
    };

    /// <summary>
    /// The DPoP sentence, extension and header parameter of an operation that schemes <paramref name="dpop"/> guard;
    /// nothing when none of them takes DPoP.
    /// </summary>
    public static void Apply(OpenApiOperation operation, IReadOnlyList<(string Scheme, DpopOptions Dpop)> dpop)
    {
        var taking = dpop.Where(d => d.Dpop.Mode != DpopMode.Disabled).ToList();
        if (taking.Count == 0)
        {
            return;
        }

        var required = taking.Count == dpop.Count && taking.All(d => d.Dpop.Mode == DpopMode.Required);
        var sentence = required
            ? "**DPoP required** (RFC 9449): send a DPoP-bound token as `Authorization: DPoP <token>` with a `DPoP` proof for this method and URL, signed by the token's key."
            : "**Accepts DPoP** (RFC 9449): a DPoP-bound token goes as `Authorization: DPoP <token>` with a `DPoP` proof for this method and URL, signed by the token's key; a bearer token as `Authorization: Bearer <token>`.";
        if (taking.Count < dpop.Count || taking.Select(d => d.Dpop.Mode).Distinct().Count() > 1)
        {
            sentence += " Per issuer: " + string.Join("; ", dpop.Select(d => $"`{d.Scheme}` {d.Dpop.Mode}")) + ".";
        }
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? sentence : operation.Description + "\n\n" + sentence;

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        var schemes = new JsonObject();
        foreach (var (scheme, options) in dpop)
        {
            schemes[OAuth2Scheme.NameFor(scheme)] = Describe(options);
        }
        operation.Extensions[Extension] = new JsonNodeExtension(schemes);

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = HeaderName,
            In = ParameterLocation.Header,
            Required = required,
            Description = "A DPoP proof (RFC 9449 section 4): a JWT signed by the key the token is bound to, with `htm` this method, `htu` this URL, "
                + "`ath` the token's SHA-256 and a new `jti`. Only with `Authorization: DPoP`; used once.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}
