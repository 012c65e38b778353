using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;
using ResourceApi.ScopePolicies;

namespace ResourceApi.Telemetry;

/// <summary>
/// Counts 403 <c>insufficient_scope</c> answers by endpoint and missing scope, around the scope
/// policies' own result handler (which writes the answer and its log line), on the access-token
/// layer's meter. Tags come from the route pattern and the declared scopes, never from the request.
/// </summary>
internal sealed class ScopeDenialMetrics : IAuthorizationMiddlewareResultHandler
{
    private readonly IAuthorizationMiddlewareResultHandler _inner;
    private readonly IOptions<ScopeClaimOptions> _scopeClaims;
    private readonly Counter<long> _denials;

    public ScopeDenialMetrics(IAuthorizationMiddlewareResultHandler inner, IMeterFactory meters, IOptions<ScopeClaimOptions> scopeClaims)
    {
        _inner = inner;
        _scopeClaims = scopeClaims;
        _denials = meters.Create(AuthenticationMetrics.MeterName).CreateCounter<long>("resourceapi.authorization.scope_denials", "{request}",
            "Requests refused 403 insufficient_scope, by endpoint (route pattern) and missing scope (as declared).");
    }

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            var granted = GrantedScopes.From(context.User, _scopeClaims.Value.EffectiveClaimTypes);
            var endpoint = context.GetEndpoint() is RouteEndpoint route
                ? $"{(route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is [var method, ..] ? method : "")} {route.RoutePattern.RawText}".Trim()
                : "(no endpoint)";
            foreach (var missing in failure.FailedRequirements.OfType<ScopeRequirement>().SelectMany(r => r.Scopes).Where(s => !granted.Contains(s)).Distinct(StringComparer.Ordinal))
            {
                _denials.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("missing_scope", missing));
            }
        }
        return _inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
