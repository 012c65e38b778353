using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ResourceApi.BearerErrors;

namespace ResourceApi.ScopePolicies;

/// <summary>
/// Writes every 403 this API sends. A scope failure becomes RFC 6750's <c>insufficient_scope</c> with
/// the scopes the endpoint needs; any other policy failure a plain 403 Problem Details without a
/// challenge, since no other token would help. Challenges (401) go to the authentication scheme.
/// </summary>
internal sealed partial class ScopeAuthorizationResultHandler(ILogger<ScopeAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var request = context.Request;
        var clientId = context.User.GetClientId() ?? "(no client id)";
        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().ToArray() ?? [];
        if (failed.Length == 0)
        {
            LogForbidden(logger, request.Method, request.Path, clientId);
            await BearerErrorResponse.WriteAsync(context, BearerError.Forbidden("The access token is valid but does not satisfy this endpoint's authorization policy."));
            return;
        }

        var scopes = failed.SelectMany(r => r.Scopes).Distinct(System.StringComparer.Ordinal).ToArray();
        var match = failed.Length == 1 ? failed[0].Match : ScopeMatch.All;

        LogInsufficientScope(logger, request.Method, request.Path, string.Join(", ", failed.Select(r => r.ToString())), clientId);
        await BearerErrorResponse.WriteAsync(context, ScopeWords.InsufficientScope(match, scopes));
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning,
        Message = "Forbidden {Method} {Path}: client {ClientId} lacks the required scopes ({Requirement}). Grant them to the client at the issuer, or request them in the token request.")]
    private static partial void LogInsufficientScope(ILogger logger, string method, PathString path, string requirement, string clientId);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning,
        Message = "Forbidden {Method} {Path}: client {ClientId} does not satisfy the endpoint's authorization policy (not a scope requirement).")]
    private static partial void LogForbidden(ILogger logger, string method, PathString path, string clientId);
}
