using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer.Dpop;

/// <summary>
/// RFC 9449 §6: the access token of a request with a valid proof carries <c>cnf: {"jkt": ...}</c>, the thumbprint of
/// the proof's key, so a resource server accepts it only with a proof signed by that key. Added to the access
/// token's own principal once OpenIddict has prepared it: OpenIddict drops a <c>cnf</c> set on the sign-in principal.
/// </summary>
internal sealed class DpopConfirmationClaim : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<DpopConfirmationClaim>()
            .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.AccessTokenPrincipal is { } principal && DpopBinding.Thumbprint(context.Transaction) is { } thumbprint)
        {
            principal.SetClaim(DpopBinding.ConfirmationClaim, DpopBinding.Confirmation(thumbprint));
        }
        return ValueTask.CompletedTask;
    }
}
