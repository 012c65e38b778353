using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The two refusals a learner should see with the right error codes, checked once the client is
/// authenticated: a target that is not this API (<c>invalid_target</c>, RFC 8707) and a scope the
/// client may not have (<c>invalid_scope</c>, RFC 6749 §5.2; OpenIddict's own check says invalid_request).
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

        var unknown = context.Request.GetResources().Where(r => !api.Audiences.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            context.Reject(Errors.InvalidTarget,
                $"This issuer only issues tokens for {string.Join(", ", api.Audiences)}; the audience/resource '{unknown[0]}' is unknown.");
            return;
        }

        var application = await applications.FindByClientIdAsync(context.ClientId!);
        foreach (var scope in context.Request.GetScopes())
        {
            if (application is null || !await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope))
            {
                context.Reject(Errors.InvalidScope, $"The client '{context.ClientId}' may not request the scope '{scope}'.");
                return;
            }
        }
    }
}
