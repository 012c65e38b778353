using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using ResourceApi.ScopePolicies;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ResourceApi.Tests.OpenApi;

/// <summary>The generated document as a client reads it: raw JSON, plus what each endpoint should say in it.</summary>
internal sealed class SwaggerDocument(JsonObject root)
{
    public const string Url = "/swagger/v1/swagger.json";

    public JsonObject Root { get; } = root;

    public static async Task<SwaggerDocument> FetchAsync(WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(Url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");

        var json = await response.Content.ReadAsStringAsync();
        var (document, diagnostic) = OpenApiDocument.Parse(json, "json");
        document.Should().NotBeNull();
        diagnostic!.Errors.Should().BeEmpty("the document must be valid OpenAPI");
        return new SwaggerDocument(JsonNode.Parse(json)!.AsObject());
    }

    public JsonObject SecurityScheme => SecuritySchemes["oauth2"]!.AsObject();

    public JsonObject SecuritySchemes => Root["components"]!["securitySchemes"]!.AsObject();

    /// <summary>The client-credentials flow of the security scheme <paramref name="name"/>.</summary>
    public JsonObject ClientCredentials(string name) => SecuritySchemes[name]!["flows"]!["clientCredentials"]!.AsObject();

    /// <summary>Every operation: (METHOD, path, operation object).</summary>
    public IEnumerable<(string Method, string Path, JsonObject Operation)> Operations =>
        from path in Root["paths"]!.AsObject()
        from op in path.Value!.AsObject()
        select (op.Key.ToUpperInvariant(), Normalize(path.Key), op.Value!.AsObject());

    /// <summary>An operation's security with the <c>oauth2</c> scheme as a set of alternatives, each a sorted scope list; null when it has none.</summary>
    public static string[]? SecurityOf(JsonObject operation) => SecurityBySchemeOf(operation)?.GetValueOrDefault("oauth2");

    /// <summary>
    /// An operation's security per security scheme, each a set of alternatives as in <see cref="SecurityOf"/>;
    /// null when it has none. Each requirement object must name one scheme: two in one object would mean both tokens at once.
    /// </summary>
    public static Dictionary<string, string[]>? SecurityBySchemeOf(JsonObject operation) =>
        operation["security"] is JsonArray requirements
            ? requirements.Select(r => r!.AsObject().Should().ContainSingle().Subject)
                .GroupBy(r => r.Key, r => Key(r.Value!.AsArray().Select(s => s!.GetValue<string>())))
                .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray())
            : null;

    /// <summary>
    /// What the endpoint's own metadata says the document must show, worked out independently of the
    /// app's OpenAPI code: anonymous endpoints none; otherwise every ScopeRequirement must hold, all-of
    /// adds its scopes to each alternative and any-of splits each alternative per scope; no requirement
    /// means the fallback policy (any valid token), one alternative with no scopes.
    /// </summary>
    public static string[]? ExpectedSecurityOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        IEnumerable<IEnumerable<string>> alternatives = [[]];
        foreach (var requirement in endpoint.Metadata.GetOrderedMetadata<ScopeRequirement>())
        {
            alternatives = requirement.Match == ScopeMatch.All
                ? alternatives.Select(a => a.Concat(requirement.Scopes)).ToArray()
                : alternatives.SelectMany(a => requirement.Scopes.Select(s => a.Append(s))).ToArray();
        }
        return [.. alternatives.Select(Key).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The host's endpoints that ApiExplorer documents (a handler method and HTTP methods), keyed like <see cref="Operations"/>.</summary>
    public static Dictionary<(string Method, string Path), RouteEndpoint> DocumentedEndpoints(WebApplicationFactory<Program> factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Select(m => (m, e)) ?? [])
            .ToDictionary(x => (x.m.ToUpperInvariant(), PathOf(x.e.RoutePattern)), x => x.e);

    private static string Key(IEnumerable<string> scopes) => string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal));

    // "/api/messages/{id:guid}" and the document's "/api/messages/{id}" both become "/api/messages/{id}".
    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
