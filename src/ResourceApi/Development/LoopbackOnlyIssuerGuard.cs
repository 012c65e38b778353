using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ResourceApi.Development;

/// <summary>
/// The development issuer mints tokens for anyone who knows the demo secrets in the README, so it must
/// answer only this machine. The app stops at start when any address it is told to listen on
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>) is not loopback, before the server
/// takes a request; and, for addresses set in code, once the server has bound them. It also stops it when
/// <c>AllowedHosts</c> names a host other than a loopback name (<see cref="LoopbackHostNames"/>): a name
/// that resolves to this machine would let a page on it ask for tokens.
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
        var allowedHosts = (configuration[LoopbackHostNames.SettingKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (LoopbackHostNames.Others(allowedHosts) is [var otherName, ..])
        {
            throw new InvalidOperationException(
                $"The built-in development issuer answers only requests addressed to {string.Join(", ", LoopbackHostNames.Names)}, but {LoopbackHostNames.SettingKey} names '{otherName}', "
                + "a name a web page could point at this machine to get tokens with the demo secrets. "
                + $"Set {LoopbackHostNames.SettingKey} to \"*\" (the loopback names then) or to loopback names only, "
                + "or set Authentication:Schemes:Bearer:Authority to a real issuer, which turns the development issuer off.");
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
