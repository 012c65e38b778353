using System;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ResourceApi.ScopePolicies;

/// <summary>Scope-based authorization for OAuth 2.0 access tokens, declared where an endpoint is mapped.</summary>
public static class ScopeAuthorizationExtensions
{
    /// <summary>
    /// Registers the scope handler, the RFC 6750 <c>insufficient_scope</c> response and the
    /// <see cref="DeclaredScopes"/> reader. <paramref name="configure"/> picks the claims that carry
    /// scopes (default <c>scope</c>, <c>scp</c>).
    /// </summary>
    public static IServiceCollection AddScopeAuthorization(this IServiceCollection services, Action<ScopeClaimOptions>? configure = null)
    {
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeAuthorizationHandler>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, ScopeAuthorizationResultHandler>());
        services.TryAddSingleton<DeclaredScopes>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        return services;
    }

    /// <summary>Requires a token that carries <b>every</b> one of <paramref name="scopes"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRequirement(ScopeMatch.All, scopes));

    /// <summary>Requires a token that carries <b>at least one</b> of <paramref name="scopes"/>.</summary>
    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRequirement(ScopeMatch.Any, scopes));

    /// <summary>Adds an all-of scope requirement to a named policy.</summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(ScopeMatch.All, scopes));
    }

    /// <summary>Adds an any-of scope requirement to a named policy.</summary>
    public static AuthorizationPolicyBuilder RequireAnyScope(this AuthorizationPolicyBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(ScopeMatch.Any, scopes));
    }
}
