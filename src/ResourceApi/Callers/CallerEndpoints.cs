using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ResourceApi.Authorization;

namespace ResourceApi.Callers;

public static class CallerEndpoints
{
    public static RouteGroupBuilder MapCaller(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Caller");

        // Any valid token, no scope: the fallback policy already requires an authenticated caller.
        group.MapGet("/me", GetMe).WithName("GetMe");
        return group;
    }

    /// <summary>What the caller's token says: client id, issuer, audience, granted scopes and expiry.</summary>
    internal static Ok<CallerResponse> GetMe(ClaimsPrincipal user, IOptions<ScopeClaimOptions> scopeClaims)
    {
        var scopes = GrantedScopes.From(user, scopeClaims.Value.EffectiveClaimTypes).Order(StringComparer.Ordinal).ToArray();
        var expiresAt = long.TryParse(user.FindFirst("exp")?.Value, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : (DateTimeOffset?)null;

        return TypedResults.Ok(new CallerResponse(
            ClientId: user.GetClientId(),
            Subject: user.FindFirst("sub")?.Value,
            Issuer: user.FindFirst("iss")?.Value,
            Audiences: [.. user.FindAll("aud").Select(c => c.Value)],
            Scopes: scopes,
            ExpiresAt: expiresAt));
    }
}

/// <summary>The caller as this API sees it.</summary>
public sealed record CallerResponse(string? ClientId, string? Subject, string? Issuer, IReadOnlyList<string> Audiences, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);
