using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ResourceApi.ScopePolicies;

namespace ResourceApi.Tests.OpenApi;

/// <summary>
/// Endpoints a test host maps beside the app's own (see <see cref="Infrastructure.EndpointBranch"/>),
/// to show the document follows a declaration without any change to the OpenAPI code.
/// </summary>
internal static class ExtraEndpoints
{
    public const string Prefix = "/test";
    public const string AllOf = "/test/all-of";
    public const string AnyOf = "/test/any-of";
    public const string Both = "/test/both";
    public const string Anonymous = "/test/anonymous";
    public const string AnyToken = "/test/any-token";

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet(AllOf, () => TypedResults.Ok("all-of")).RequireScope("x:test", "y:test");
        e.MapGet(AnyOf, () => TypedResults.Ok("any-of")).RequireAnyScope("a", "b");
        e.MapGet(Both, () => TypedResults.Ok("both")).RequireScope("x:test").RequireAnyScope("a", "b");
        e.MapGet(Anonymous, () => TypedResults.Ok("anonymous")).AllowAnonymous();
        e.MapGet(AnyToken, () => TypedResults.Ok("any token"));
    }
}
