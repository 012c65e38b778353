using System.Collections.Immutable;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// Accepts Auth0's request shape: its <c>audience</c> parameter is read as the RFC 8707
/// <c>resource</c> (OpenIddict reserves <c>audience</c> for token exchange), and a request naming
/// neither gets this API's default audience, as an Auth0 tenant's "Default Audience" does.
/// </summary>
internal sealed class AuthZeroAudienceParameter(ProtectedApi api) : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<AuthZeroAudienceParameter>()
            // After the built-in handlers have read the form and the Basic credentials.
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        if (context.Request is not { } request)
        {
            return ValueTask.CompletedTask;
        }

        var targets = (request.Resources ?? []).Concat(request.Audiences ?? [])
            .Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (targets.IsEmpty && api.DefaultAudience is { } fallback)
        {
            targets = [fallback];
        }

        request.Resources = targets;
        request.Audiences = null;
        return ValueTask.CompletedTask;
    }
}
