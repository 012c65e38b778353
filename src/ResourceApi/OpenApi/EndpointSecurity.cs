using Microsoft.AspNetCore.Authorization;
using ResourceApi.Authorization;

namespace ResourceApi.OpenApi;

/// <summary>
/// What a caller needs for one endpoint, read from the metadata the authorization middleware enforces:
/// the endpoint's <see cref="ScopeRequirement"/>s, its authorize and anonymous markers, and whether a
/// fallback policy covers endpoints that declare nothing.
/// </summary>
/// <param name="Requirements">The scope requirements, in declaration order; every one must be met.</param>
/// <param name="Alternatives">
/// The same rule in OpenAPI's shape: a caller qualifies with any one entry, and an entry lists scopes
/// that are all needed. An entry with no scopes means "any valid token".
/// </param>
internal sealed record EndpointSecurity(IReadOnlyList<ScopeRequirement> Requirements, IReadOnlyList<IReadOnlyList<string>> Alternatives)
{
    /// <summary>Null when the endpoint is open to anonymous callers.</summary>
    public static EndpointSecurity? For(IEnumerable<object> metadata, bool hasFallbackPolicy)
    {
        ArgumentNullException.ThrowIfNull(metadata);

        // The authorization middleware skips every policy of an endpoint that allows anonymous callers.
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        var requirements = metadata.OfType<ScopeRequirement>().ToArray();
        var authorized = requirements.Length > 0
            || metadata.OfType<IAuthorizeData>().Any()
            || metadata.OfType<AuthorizationPolicy>().Any()
            || metadata.OfType<IAuthorizationRequirementData>().Any();

        if (!authorized && !hasFallbackPolicy)
        {
            return null;
        }

        return new EndpointSecurity(requirements, Expand(requirements));
    }

    /// <summary>Every requirement must hold, so an any-of requirement multiplies the alternatives.</summary>
    private static List<IReadOnlyList<string>> Expand(IEnumerable<ScopeRequirement> requirements)
    {
        List<IReadOnlyList<string>> alternatives = [Array.Empty<string>()];
        foreach (var requirement in requirements)
        {
            alternatives = requirement.Match == ScopeMatch.All
                ? [.. alternatives.Select(a => Union(a, requirement.Scopes))]
                : [.. alternatives.SelectMany(a => requirement.Scopes.Select(s => Union(a, [s])))];
        }
        return [.. alternatives.DistinctBy(a => string.Join(' ', a.Order(StringComparer.Ordinal)))];
    }

    private static string[] Union(IEnumerable<string> first, IEnumerable<string> second) =>
        [.. first.Concat(second).Distinct(StringComparer.Ordinal)];

    /// <summary>One sentence for the operation description, e.g. "Needs an access token with the scope read:messages."</summary>
    public string Describe()
    {
        if (Requirements.Count == 0)
        {
            return "Needs a valid access token; no particular scope.";
        }
        if (Alternatives.Count == 1)
        {
            var scopes = Alternatives[0];
            return scopes.Count == 1
                ? $"Needs an access token with the scope `{scopes[0]}`."
                : $"Needs an access token with all of these scopes: {Quote(scopes)}.";
        }
        return $"Needs an access token with any one of: {string.Join(" or ", Alternatives.Select(Quote))} (each listed security requirement is an alternative).";
    }

    private static string Quote(IEnumerable<string> scopes) => string.Join(" + ", scopes.Select(s => $"`{s}`"));
}
