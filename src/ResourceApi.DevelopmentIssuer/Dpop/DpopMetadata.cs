using System.Text.Json;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer.Dpop;

/// <summary>RFC 9449 §5.1: the discovery document names the proof algorithms the token endpoint accepts.</summary>
internal sealed class DpopMetadata(IssuerDpopProofs proofs) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public const string Parameter = "dpop_signing_alg_values_supported";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<DpopMetadata>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata[Parameter] = JsonSerializer.SerializeToElement(proofs.Validator.Algorithms);
        return ValueTask.CompletedTask;
    }
}
