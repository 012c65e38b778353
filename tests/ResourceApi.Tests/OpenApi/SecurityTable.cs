using Microsoft.AspNetCore.Routing;

namespace ResourceApi.Tests.OpenApi;

/// <summary>The table-driven check: document operations and documented endpoints, one to one, same security.</summary>
internal static class SecurityTable
{
    public static void ShouldMatch(SwaggerDocument document, IReadOnlyDictionary<(string Method, string Path), RouteEndpoint> endpoints)
    {
        var operations = document.Operations.ToList();

        operations.Select(o => (o.Method, o.Path)).Should().BeEquivalentTo(endpoints.Keys,
            "every endpoint ApiExplorer can describe is in the document, and nothing else is");

        foreach (var (method, path, operation) in operations)
        {
            var endpoint = endpoints[(method, path)];
            var expected = SwaggerDocument.ExpectedSecurityOf(endpoint);
            var actual = SwaggerDocument.SecurityOf(operation);

            if (expected is null)
            {
                actual.Should().BeNull($"{method} {path} allows anonymous callers");
            }
            else
            {
                actual.Should().Equal(expected, $"{method} {path} declares {string.Join(", ", expected.Select(e => $"[{e}]"))}");
            }
        }
    }
}
