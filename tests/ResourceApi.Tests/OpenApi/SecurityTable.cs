using Microsoft.AspNetCore.Routing;

namespace ResourceApi.Tests.OpenApi;

/// <summary>The table-driven check: document operations and documented endpoints, one to one, same security.</summary>
internal static class SecurityTable
{
    /// <summary>Each protected operation lists the same alternatives for each of <paramref name="schemes"/> (default <c>oauth2</c>) and for no other.</summary>
    public static void ShouldMatch(SwaggerDocument document, IReadOnlyDictionary<(string Method, string Path), RouteEndpoint> endpoints, params string[] schemes)
    {
        schemes = schemes.Length == 0 ? ["oauth2"] : schemes;
        var operations = document.Operations.ToList();

        operations.Select(o => (o.Method, o.Path)).Should().BeEquivalentTo(endpoints.Keys,
            "every endpoint ApiExplorer can describe is in the document, and nothing else is");

        foreach (var (method, path, operation) in operations)
        {
            var endpoint = endpoints[(method, path)];
            var expected = SwaggerDocument.ExpectedSecurityOf(endpoint);
            var actual = SwaggerDocument.SecurityBySchemeOf(operation);

            if (expected is null)
            {
                actual.Should().BeNull($"{method} {path} allows anonymous callers");
                continue;
            }
            actual.Should().NotBeNull().And.Subject.Keys.Should().BeEquivalentTo(schemes, $"{method} {path} takes a token from any trusted issuer");
            foreach (var scheme in schemes)
            {
                actual![scheme].Should().Equal(expected, $"{method} {path} declares {string.Join(", ", expected.Select(e => $"[{e}]"))} whichever issuer ({scheme})");
            }
        }
    }
}
