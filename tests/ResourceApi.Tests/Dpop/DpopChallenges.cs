using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ResourceApi.Tests.Dpop;

/// <summary>The WWW-Authenticate challenges of a response, by scheme, with their parameters.</summary>
internal static partial class DpopChallenges
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Of(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.ToDictionary(c => c.Scheme, Parameters, StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, string> Parameters(AuthenticationHeaderValue challenge)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Parameter().Matches(challenge.Parameter ?? ""))
        {
            parameters[m.Groups[1].Value] = m.Groups[2].Value;
        }
        return parameters;
    }

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"")]
    private static partial Regex Parameter();
}
