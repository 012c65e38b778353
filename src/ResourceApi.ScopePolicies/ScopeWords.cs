using System.Collections.Generic;
using System.Linq;
using ResourceApi.BearerErrors;

namespace ResourceApi.ScopePolicies;

/// <summary>
/// The one place "all of" and "any of" become words, for error descriptions, logs, Problem Details and
/// API documentation alike, so a caller reads the same rule wherever it is stated.
/// </summary>
public static class ScopeWords
{
    /// <summary>The RFC 6750 <c>insufficient_scope</c> refusal for a token that lacks <paramref name="scopes"/>.</summary>
    public static BearerError InsufficientScope(ScopeMatch match, IReadOnlyList<string> scopes) =>
        BearerError.InsufficientScope(Missing(match, scopes), scopes, MatchName(match));

    /// <summary><c>all</c> or <c>any</c>: the value of the <c>scopeMatch</c> member of a 403 Problem Details body.</summary>
    public static string MatchName(ScopeMatch match) => match == ScopeMatch.Any ? "any" : "all";

    /// <summary>The reason a token was refused, e.g. "The access token lacks a scope this endpoint needs: write:messages."</summary>
    public static string Missing(ScopeMatch match, IReadOnlyList<string> scopes) =>
        match == ScopeMatch.All || scopes.Count == 1
            ? $"The access token lacks a scope this endpoint needs: {string.Join(' ', scopes)}."
            : $"The access token needs at least one of these scopes: {string.Join(' ', scopes)}.";

    /// <summary>
    /// What a caller needs, in Markdown, from the alternatives of <see cref="EndpointAccess.Alternatives"/>:
    /// "Needs an access token with the scope `read:messages`."
    /// </summary>
    public static string Needed(IReadOnlyList<IReadOnlyList<string>> alternatives)
    {
        if (alternatives.Count == 0 || alternatives.All(a => a.Count == 0))
        {
            return "Needs a valid access token; no particular scope.";
        }
        if (alternatives.Count == 1)
        {
            var scopes = alternatives[0];
            return scopes.Count == 1
                ? $"Needs an access token with the scope `{scopes[0]}`."
                : $"Needs an access token with all of these scopes: {Code(scopes)}.";
        }
        return $"Needs an access token with any one of: {string.Join(" or ", alternatives.Select(Code))} (each listed security requirement is an alternative).";
    }

    private static string Code(IEnumerable<string> scopes) => string.Join(" + ", scopes.Select(s => $"`{s}`"));
}
