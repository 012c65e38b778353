using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer.Dpop;

/// <summary>
/// RFC 9449 §5: the response for a DPoP-bound token says <c>token_type: DPoP</c>, so the client sends it with
/// the <c>DPoP</c> scheme and a proof, never as <c>Bearer</c>. OpenIddict writes <c>Bearer</c> first.
/// </summary>
internal sealed class DpopTokenType : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<DpopTokenType>()
            .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.Response.AccessToken is not null && DpopBinding.Thumbprint(context.Transaction) is not null)
        {
            context.Response.TokenType = DpopBinding.TokenType;
        }
        return ValueTask.CompletedTask;
    }
}
