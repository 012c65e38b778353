using System;
using System.Collections.Generic;
using System.Linq;

namespace ResourceApi.ScopePolicies;

/// <summary>
/// What a caller needs for one endpoint, as the authorization middleware will enforce it: from the
/// endpoint's own <c>RequireScope</c> metadata, the named policies it references and the fallback policy.
/// </summary>
/// <param name="ScopeRequirements">Every scope requirement that applies, in declaration order; all must be met.</param>
/// <param name="HasOtherRequirements">A requirement that is not about scopes (roles, a custom one) also applies, so a valid token may still get a plain 403.</param>
public sealed record EndpointAccess(IReadOnlyList<ScopeRequirement> ScopeRequirements, bool HasOtherRequirements)
{
    /// <summary>
    /// The same rule as alternatives: a caller qualifies with any one entry, and an entry lists scopes
    /// that are all needed (OpenAPI's shape for security requirements). An entry with no scopes means
    /// "any valid token".
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Alternatives { get; } = Expand(ScopeRequirements);

    /// <summary>Every scope named by any requirement, once each.</summary>
    public IReadOnlyList<string> Scopes => [.. ScopeRequirements.SelectMany(r => r.Scopes).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether a valid token can still be refused with 403.</summary>
    public bool CanForbid => ScopeRequirements.Count > 0 || HasOtherRequirements;

    /// <summary>One Markdown sentence, e.g. "Needs an access token with the scope `read:messages`."</summary>
    public string Describe() => ScopeWords.Needed(ScopeRequirements.Count == 0 ? [] : Alternatives);

    // Every requirement must hold, so an any-of requirement multiplies the alternatives.
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
}
