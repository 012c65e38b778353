using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ResourceApi.Tests.Infrastructure;

/// <summary>
/// Maps endpoints a test declares the way a team would declare new ones, beside the app's own: in a
/// routing branch under <paramref name="prefix"/> with the app's authentication and authorization
/// services, so the app's pipeline outside it (docs first, then default-deny) is untouched.
/// </summary>
internal sealed class EndpointBranch(string prefix, Action<IEndpointRouteBuilder> map) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.MapWhen(context => context.Request.Path.StartsWithSegments(prefix), branch =>
        {
            branch.UseRouting();
            branch.UseAuthentication();
            branch.UseAuthorization();
            branch.UseEndpoints(map);
        });
        next(app);
    };
}
