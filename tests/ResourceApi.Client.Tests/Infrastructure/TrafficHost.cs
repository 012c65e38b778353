using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ResourceApi.Client.Tests.Infrastructure;

/// <summary>
/// The real API as `dotnet run` starts it (<see cref="ApiHost.StartDevelopment"/>: Development, the built-in
/// issuer mounted, a real loopback port, so the calling service reaches both over HTTP), with
/// <see cref="IssuerTraffic"/> first in its pipeline.
/// </summary>
internal static class TrafficHost
{
    /// <summary>The audience the development issuer issues for and the API accepts (appsettings.Development.json).</summary>
    public const string Audience = "https://resource-api.example";

    /// <summary>Starts a host keeping its keys and databases in <paramref name="dataFolder"/>.</summary>
    public static ApiHost Start(string dataFolder, IReadOnlyDictionary<string, string?>? overrides = null, int port = 0)
    {
        var traffic = new IssuerTraffic();
        var host = ApiHost.StartDevelopment(dataFolder, overrides, port, services => services.AddSingleton(traffic).AddSingleton<IStartupFilter>(traffic));
        WarmUp(host);
        return host;
    }

    // A fresh host's first discovery answer JITs the issuer's pipeline, which on a loaded machine can take
    // longer than a calling service's IssuerTimeout; the tests bound the calling service, not a cold start.
    private static void WarmUp(ApiHost host)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var answer = http.GetAsync(host.BaseUrl + "/.well-known/openid-configuration").GetAwaiter().GetResult();
        answer.EnsureSuccessStatusCode();
    }

    /// <summary>What reached <paramref name="host"/>: its token requests and API calls.</summary>
    public static IssuerTraffic Traffic(this ApiHost host) => host.Services.GetRequiredService<IssuerTraffic>();
}
