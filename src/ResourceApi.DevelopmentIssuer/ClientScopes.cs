using System.Collections.Immutable;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>The scopes a client may be granted: its <c>scp:</c> permissions in the client store.</summary>
internal static class ClientScopes
{
    public static async ValueTask<ImmutableArray<string>> PermittedAsync(IOpenIddictApplicationManager applications, string clientId)
    {
        var application = await applications.FindByClientIdAsync(clientId);
        if (application is null)
        {
            return [];
        }

        var permissions = await applications.GetPermissionsAsync(application);
        return [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])];
    }
}
