using System.Collections.Immutable;
using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// Issues the token for a validated client credentials request: the client is its own subject
/// (RFC 9068 §2.2); it gets the requested scopes it may have, and a request without <c>scope</c> gets
/// every scope it may have, as Auth0 does. When that is fewer than asked for, OpenIddict names the
/// granted scopes in the response's <c>scope</c> (RFC 6749 §5.1). OpenIddict adds iss, aud,
/// client_id, iat, exp and jti and signs it; a DPoP request's <c>cnf</c> is added after it (<c>Dpop/</c>).
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
        var permitted = await ClientScopes.PermittedAsync(applications, clientId);
        if (permitted.IsEmpty)
        {
            throw new InvalidOperationException("The authenticated client is no longer in the store, or may have no scope.");
        }

        // The permitted part of what was asked for (ClientCredentialsRules refused a request with none),
        // or everything the client may have when it asked for nothing.
        var requested = context.Request.GetScopes();
        var scopes = requested.IsEmpty ? [.. permitted] : requested.Where(permitted.Contains).ToImmutableArray();

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Subject, null);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetScopes(scopes);
        identity.SetResources(context.Request.GetResources());
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        context.SignIn(new ClaimsPrincipal(identity));
    }
}
