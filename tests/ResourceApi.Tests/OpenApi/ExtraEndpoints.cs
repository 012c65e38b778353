using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using ResourceApi.Authorization;

namespace ResourceApi.Tests.OpenApi;

/// <summary>
/// Endpoints a test host maps beside the app's own, declared the way a team would declare a new one,
/// to show the document follows a declaration without any change to the OpenAPI code. They run in
/// their own routing branch with the app's authentication and authorization services.
/// </summary>
internal sealed class ExtraEndpoints : IStartupFilter
{
    public const string AllOf = "/test/all-of";
    public const string AnyOf = "/test/any-of";
    public const string Both = "/test/both";
    public const string Anonymous = "/test/anonymous";
    public const string AnyToken = "/test/any-token";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // A branch of its own: outside it, the app's pipeline (docs first, then default-deny) is untouched.
        app.MapWhen(context => context.Request.Path.StartsWithSegments("/test"), branch =>
        {
            branch.UseRouting();
            branch.UseAuthentication();
            branch.UseAuthorization();
            branch.UseEndpoints(e =>
            {
                e.MapGet(AllOf, () => TypedResults.Ok("all-of")).RequireScope("x:test", "y:test");
                e.MapGet(AnyOf, () => TypedResults.Ok("any-of")).RequireAnyScope("a", "b");
                e.MapGet(Both, () => TypedResults.Ok("both")).RequireScope("x:test").RequireAnyScope("a", "b");
                e.MapGet(Anonymous, () => TypedResults.Ok("anonymous")).AllowAnonymous();
                e.MapGet(AnyToken, () => TypedResults.Ok("any token"));
            });
        });
        next(app);
    };
}
