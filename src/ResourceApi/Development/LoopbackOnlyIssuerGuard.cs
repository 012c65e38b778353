using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ResourceApi.Development;

/// <summary>
/// The development issuer mints tokens for anyone who knows the demo secrets in the README, so it must
/// answer only this machine. The app stops at start when any address it is told to listen on
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>) is not loopback, before the server
/// takes a request; and, for addresses set in code, once the server has bound them.
/// </summary>
internal sealed partial class LoopbackOnlyIssuerGuard(IServer server, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<LoopbackOnlyIssuerGuard> logger) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var configured = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        if (configured.FirstOrDefault(a => !LoopbackAddresses.IsLoopback(a)) is { } exposed)
        {
            throw new InvalidOperationException(Explain(exposed));
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (bound.FirstOrDefault(a => !LoopbackAddresses.IsLoopback(a)) is { } boundExposed)
            {
                var explanation = Explain(boundExposed);
                LogExposed(logger, explanation);
                lifetime.StopApplication();
            }
        });
        next(app);
    };

    private static string Explain(string address) =>
        $"The built-in development issuer answers only on this machine, but the app listens on {address}, where anyone on the network could get tokens with the demo secrets. "
        + "Listen on loopback only (dotnet run --project src/ResourceApi --urls http://127.0.0.1:5080), "
        + "or set Authentication:Schemes:Bearer:Authority to a real issuer, which turns the development issuer off.";

    [LoggerMessage(EventId = 9001, Level = LogLevel.Critical, Message = "Stopping: {Explanation}")]
    private static partial void LogExposed(ILogger logger, string explanation);
}
