using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// Makes the client store match <c>DevelopmentIssuer:Clients</c> at every start: adds, updates
/// (secrets are hashed by OpenIddict's application manager) and removes clients. Runs in
/// StartingAsync, before the server takes its first request.
/// </summary>
internal sealed partial class ClientSeeder(IServiceProvider services, IOptions<DevelopmentIssuerSettings> settings, ILogger<ClientSeeder> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Created now, so a broken key file stops the app at start rather than at the first token.
        _ = services.GetRequiredService<SigningKeyRing>();

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssuerDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);

        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var configured = settings.Value.Clients;

        foreach (var (clientId, client) in configured)
        {
            var descriptor = Describe(clientId, client);
            if (await manager.FindByClientIdAsync(clientId, cancellationToken) is { } existing)
            {
                await manager.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await manager.CreateAsync(descriptor, cancellationToken);
            }
        }

        await foreach (var application in manager.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await manager.GetClientIdAsync(application, cancellationToken) is { } id && !configured.ContainsKey(id))
            {
                await manager.DeleteAsync(application, cancellationToken);
            }
        }

        LogSeeded(logger, configured.Count, configured.Keys);
    }

    private static OpenIddictApplicationDescriptor Describe(string clientId, DevelopmentClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = string.IsNullOrWhiteSpace(client.Secret) ? null : client.Secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.DisplayName ?? clientId,
        };
        if (client.PublicKey is { Length: > 0 } pem && ClientPublicKey.TryRead(pem) is { } key)
        {
            descriptor.JsonWebKeySet = new JsonWebKeySet();
            descriptor.JsonWebKeySet.Keys.Add(key);
        }
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        return descriptor;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Client ids only: secrets are never logged.
    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Development issuer: {Count} demo clients ready ({ClientIds}).")]
    private static partial void LogSeeded(ILogger logger, int count, IEnumerable<string> clientIds);
}
