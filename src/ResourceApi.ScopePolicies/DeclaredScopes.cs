using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ResourceApi.ScopePolicies;

/// <summary>
/// The one reader of the scopes this API declares. It combines an endpoint's metadata the way the
/// authorization middleware does (authorize data and the named policies it references, policy
/// metadata, requirement data such as <c>RequireScope</c>, the fallback policy), so documentation,
/// metadata documents and error messages cannot drift from what is enforced.
/// </summary>
public sealed class DeclaredScopes(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies)
{
    /// <summary>What a caller needs for an endpoint with this metadata; null when it allows anonymous callers.</summary>
    public async Task<EndpointAccess?> ForEndpointAsync(IReadOnlyList<object> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);

        // The middleware skips every policy of an endpoint that allows anonymous callers.
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>());
        var requirements = (policy?.Requirements ?? []).Concat(metadata.OfType<IAuthorizationRequirementData>().SelectMany(d => d.GetRequirements())).ToArray();
        if (policy is null && requirements.Length == 0)
        {
            return null;
        }

        var scopes = requirements.OfType<ScopeRequirement>().Distinct().ToArray();
        var other = requirements.Any(r => r is not ScopeRequirement and not DenyAnonymousAuthorizationRequirement);
        return new EndpointAccess(scopes, other);
    }

    /// <inheritdoc cref="ForEndpointAsync(IReadOnlyList{object})"/>
    public Task<EndpointAccess?> ForEndpointAsync(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return ForEndpointAsync([.. endpoint.Metadata]);
    }

    /// <summary>Every scope any endpoint needs, in ordinal order: what the API offers an authorization server to grant.</summary>
    public async Task<IReadOnlyList<string>> AllAsync()
    {
        var all = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (await ForEndpointAsync(endpoint) is { } access)
            {
                all.UnionWith(access.Scopes);
            }
        }
        return [.. all];
    }
}
