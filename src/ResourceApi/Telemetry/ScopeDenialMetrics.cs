using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using ResourceApi.ScopePolicies;

namespace ResourceApi.Telemetry;

/// <summary>
/// Counts 403 <c>insufficient_scope</c> answers by endpoint and missing scope, around the scope
/// policies' own result handler (which writes the answer and its log line). Tags come from the route
/// pattern and the declared scopes, never from the request.
/// </summary>
internal sealed class ScopeDenialMetrics(IAuthorizationMiddlewareResultHandler inner, AuthenticationMetrics metrics, IOptions<ScopeClaimOptions> scopeClaims) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            var granted = GrantedScopes.From(context.User, scopeClaims.Value.EffectiveClaimTypes);
            var endpoint = context.GetEndpoint() is RouteEndpoint route
                ? $"{(route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is [var method, ..] ? method : "")} {route.RoutePattern.RawText}".Trim()
                : "(no endpoint)";
            foreach (var missing in failure.FailedRequirements.OfType<ScopeRequirement>().SelectMany(r => r.Scopes).Where(s => !granted.Contains(s)).Distinct(StringComparer.Ordinal))
            {
                metrics.ScopeDenied(endpoint, missing);
            }
        }
        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
