using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// Issues the token for a validated client credentials request: the client is its own subject
/// (RFC 9068 §2.2), and a request without <c>scope</c> gets every scope the client may have, as
/// Auth0 does. OpenIddict adds iss, aud, client_id, iat, exp and jti and signs it.
/// </summary>
internal sealed class ClientCredentialsSignIn(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseScopedHandler<ClientCredentialsSignIn>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return;
        }

        var clientId = context.Request.ClientId!;
        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException("The authenticated client is no longer in the store.");

        var scopes = context.Request.GetScopes();
        if (scopes.IsEmpty)
        {
            var permissions = await applications.GetPermissionsAsync(application);
            scopes = [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..])];
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Subject, null);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetScopes(scopes);
        identity.SetResources(context.Request.GetResources());
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        context.SignIn(new ClaimsPrincipal(identity));
    }
}
