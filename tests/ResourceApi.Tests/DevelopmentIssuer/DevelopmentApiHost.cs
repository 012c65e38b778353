using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// The real API as `dotnet run` starts it: environment Development, no authority configured, so the
/// built-in issuer is mounted. It listens on a real loopback port, because the API fetches the
/// issuer's discovery document and JWKS over HTTP from its own address.
/// </summary>
public sealed class DevelopmentApiHost : ApiFactory
{
    private DevelopmentApiHost(IReadOnlyDictionary<string, string?> settings)
        : base(settings, environment: "Development")
    {
    }

    /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>Starts a host keeping its keys and client database in <paramref name="dataFolder"/>.</summary>
    public static DevelopmentApiHost Start(string dataFolder, IReadOnlyDictionary<string, string?>? overrides = null, int port = 0)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = "",
            ["DevelopmentIssuer:DataFolder"] = dataFolder,
            ["ConnectionStrings:Messages"] = $"Data Source={Path.Combine(dataFolder, "messages.db")}",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new DevelopmentApiHost(settings);
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        host.StartServer();
        host.BaseUrl = host.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);
        return host;
    }
}
