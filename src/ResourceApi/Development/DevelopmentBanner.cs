using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ResourceApi.DevelopmentIssuer;
using ResourceApi.Messages;

namespace ResourceApi.Development;

/// <summary>
/// What a newcomer needs after <c>dotnet run</c>, printed once after "Now listening": where Swagger UI is, the demo
/// clients and their scopes, and two commands to paste, one that gets a token and one that calls the API with it,
/// built from the address the server actually listens on (<c>--urls</c> respected). Registered only with the
/// built-in issuer, so only in Development; the secrets it shows are the demo ones of the repository's
/// settings file, for an issuer that answers on loopback only.
/// </summary>
internal sealed partial class DevelopmentBanner(IServer server, IHostApplicationLifetime lifetime, IOptions<DevelopmentIssuerSettings> issuer,
    ILogger<DevelopmentBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Through the logger, like "Now listening", so it is written after that line, never interleaved with it.
        lifetime.ApplicationStarted.Register(() =>
        {
            // An in-process test server has no address to paste.
            if (!logger.IsEnabled(LogLevel.Information) || (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).FirstOrDefault() is not { } address)
            {
                return;
            }
            var banner = Compose(address.TrimEnd('/'), issuer.Value.Clients);
            LogBanner(logger, banner);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The banner's text for the API at <paramref name="baseUrl"/>; the commands are one line each, for pasting.</summary>
    internal static string Compose(string baseUrl, IReadOnlyDictionary<string, DevelopmentClient> clients)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"The built-in development issuer is running. Swagger UI: {baseUrl}/swagger");
        text.AppendLine("Demo clients:");
        foreach (var (id, client) in clients)
        {
            var credential = client.Secret is not null ? $"secret {client.Secret}" : "private_key_jwt";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {id} ({credential}): {string.Join(' ', client.Scopes)}");
        }
        // The least-privileged client with a secret that may read messages gets the token the second command uses.
        if (clients.Where(c => c.Value.Secret is not null && c.Value.Scopes.Contains(MessageScopes.Read)).OrderBy(c => c.Value.Scopes.Length).FirstOrDefault()
            is { Key: { } reader, Value: { } readerClient })
        {
            text.AppendLine("Get a token:");
            text.AppendLine(CultureInfo.InvariantCulture, $"  TOKEN=$(curl -s -X POST {baseUrl}/{DevelopmentIssuerExtensions.TokenPath} -d grant_type=client_credentials -d client_id={reader} -d client_secret={readerClient.Secret} | sed -n 's/.*\"access_token\": *\"\\([^\"]*\\)\".*/\\1/p')");
            text.AppendLine("Call the API with it:");
            text.Append(CultureInfo.InvariantCulture, $"  curl -i {baseUrl}/api/messages -H \"Authorization: Bearer $TOKEN\"");
        }
        return text.ToString().TrimEnd();
    }

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "{Banner}")]
    private static partial void LogBanner(ILogger logger, string banner);
}
