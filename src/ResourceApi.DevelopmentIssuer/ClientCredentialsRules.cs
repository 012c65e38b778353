using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The refusals a learner should see with the right error codes, checked once the client is
/// authenticated: a target that is not this API (<c>invalid_target</c>, RFC 8707), a scope the API does
/// not define, and a request none of whose scopes the client may have (<c>invalid_scope</c>, RFC 6749 §5.2).
/// </summary>
internal sealed class ClientCredentialsRules(ProtectedApi api, IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseScopedHandler<ClientCredentialsRules>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return;
        }

        // The API's audiences include its RFC 9728 resource identifier, the resource a client that read
        // the API's metadata asks for (RFC 8707); the token's aud is then exactly that.
        var audiences = api.Audiences;
        var unknown = context.Request.GetResources().Where(r => !audiences.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            context.Reject(Errors.InvalidTarget,
                $"This issuer only issues tokens for {string.Join(", ", audiences)}; the audience/resource '{unknown[0]}' is unknown.");
            return;
        }

        // RFC 6749 §3.3: the server may issue fewer scopes than asked for, and the token response then
        // names the ones granted (ClientCredentialsSignIn grants the permitted part). A scope this API
        // does not define is still an error: it is a typo or the wrong API, not a permission question.
        var requested = context.Request.GetScopes();
        if (requested.FirstOrDefault(s => !api.Scopes.Contains(s)) is { } undefined)
        {
            context.Reject(Errors.InvalidScope,
                $"The scope '{undefined}' is not one this API defines; it defines {string.Join(", ", api.Scopes)}.");
            return;
        }

        var permitted = await ClientScopes.PermittedAsync(applications, context.ClientId!);
        if (!requested.IsEmpty && !requested.Any(permitted.Contains))
        {
            context.Reject(Errors.InvalidScope,
                $"The client '{context.ClientId}' may not request any of the scopes '{string.Join(' ', requested)}'; it may have {string.Join(' ', permitted)}.");
        }
    }
}
