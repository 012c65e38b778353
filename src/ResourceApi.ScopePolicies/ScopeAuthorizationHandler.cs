using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ResourceApi.ScopePolicies;

/// <summary>Succeeds a <see cref="ScopeRequirement"/> when the token grants the scopes it names.</summary>
internal sealed class ScopeAuthorizationHandler(IOptions<ScopeClaimOptions> options) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var granted = GrantedScopes.From(context.User, options.Value.EffectiveClaimTypes);

        if (requirement.IsSatisfiedBy(granted))
        {
            context.Succeed(requirement);
        }

        // Not calling Fail: another requirement on the same endpoint may still be reported, and the
        // requirement stays pending, which is what the 403 response reads.
        return Task.CompletedTask;
    }
}
