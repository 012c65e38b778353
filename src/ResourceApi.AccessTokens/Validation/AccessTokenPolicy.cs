using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The fallback policy: an authenticated caller whose token is an access token, i.e. names the client it
/// was issued to (a normalized <c>client_id</c>, RFC 9068 section 2.2). Authentication already refuses
/// anything else with a 401; this keeps default deny true should a token ever get past it.
/// </summary>
public static class AccessTokenPolicy
{
    /// <summary>The policy, for <c>SetFallbackPolicy</c> (default deny) or for an endpoint that needs a token and no scope.</summary>
    public static AuthorizationPolicy Build() => new AuthorizationPolicyBuilder().AddRequirements(new AccessTokenRequirement()).Build();

    // A kind of "deny anonymous", so documents that read declared requirements (OpenAPI) still see
    // "any valid token" rather than an unknown rule; alone in its policy, so no plain DenyAnonymous
    // handler can satisfy it on the caller's authentication alone.
    private sealed class AccessTokenRequirement : DenyAnonymousAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DenyAnonymousAuthorizationRequirement requirement)
        {
            if (context.User.Identities.Any(i => i.IsAuthenticated) && AccessTokenClaims.IsAccessToken(context.User))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }
}
