using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;
using ResourceApi.ScopePolicies;

// Named after the route, /api/me, as the folder, handler and tag are; VB's Me keyword is no concern here.
[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:ResourceApi.Me", Justification = "Named after /api/me.")]

namespace ResourceApi.Me;

public static class MeEndpoints
{
    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Me");

        // Any valid token, no scope: the fallback policy already requires an authenticated caller.
        group.MapGet("/me", GetMe).WithName("GetMe");
        return group;
    }

    /// <summary>What the caller's token says: client id, issuer, audience, granted scopes and expiry.</summary>
    internal static Ok<MeResponse> GetMe(ClaimsPrincipal user, IOptions<ScopeClaimOptions> scopeClaims)
    {
        var scopes = GrantedScopes.From(user, scopeClaims.Value.EffectiveClaimTypes).Order(StringComparer.Ordinal).ToArray();
        var expiresAt = NumericDate.ToTime(user.FindFirst("exp")?.Value);

        return TypedResults.Ok(new MeResponse(
            ClientId: user.GetClientId(),
            Subject: user.FindFirst("sub")?.Value,
            Issuer: user.FindFirst("iss")?.Value,
            Audiences: [.. user.FindAll("aud").Select(c => c.Value)],
            Scopes: scopes,
            ExpiresAt: expiresAt));
    }
}

/// <summary>The caller as this API sees it.</summary>
public sealed record MeResponse(string? ClientId, string? Subject, string? Issuer, IReadOnlyList<string> Audiences, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);
