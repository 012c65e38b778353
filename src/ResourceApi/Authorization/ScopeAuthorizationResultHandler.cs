using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ResourceApi.Authorization;

/// <summary>
/// Turns a scope failure into RFC 6750's 403 <c>insufficient_scope</c> with the scopes the endpoint
/// needs, where ASP.NET would otherwise send a bare 403. Every other outcome goes to the framework.
/// </summary>
internal sealed partial class ScopeAuthorizationResultHandler(ILogger<ScopeAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failed = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().ToArray()
            : null;

        if (failed is not { Length: > 0 })
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var scopes = failed.SelectMany(r => r.Scopes).Distinct(StringComparer.Ordinal).ToArray();
        var match = failed.Length == 1 ? failed[0].Match : ScopeMatch.All;

        LogInsufficientScope(logger, context.Request.Method, context.Request.Path, string.Join(", ", failed.Select(r => r.ToString())), context.User.GetClientId() ?? "(no client id)");
        await BearerErrorResponse.WriteAsync(context, BearerError.InsufficientScope(match, scopes));
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning,
        Message = "Forbidden {Method} {Path}: client {ClientId} lacks the required scopes ({Requirement}). Grant them to the client at the issuer, or request them in the token request.")]
    private static partial void LogInsufficientScope(ILogger logger, string method, PathString path, string requirement, string clientId);
}
