using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Client.Tests.Infrastructure;

/// <summary>
/// The real API as `dotnet run` starts it (Development, no authority: the built-in issuer is mounted),
/// listening on a real loopback port so the calling service reaches both over HTTP, with
/// <see cref="IssuerTraffic"/> first in its pipeline.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    public const string Audience = "https://resource-api.example";

    private readonly Dictionary<string, string?> _settings;
    private readonly IssuerTraffic _traffic;

    private ApiHost(Dictionary<string, string?> settings, IssuerTraffic traffic)
    {
        _settings = settings;
        _traffic = traffic;
    }

    /// <summary>http://127.0.0.1:port (no trailing slash); also the issuer, with one.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    public IssuerTraffic Traffic => _traffic;

    /// <summary>Starts a host keeping its keys and databases in <paramref name="dataFolder"/>.</summary>
    public static ApiHost Start(string dataFolder, IReadOnlyDictionary<string, string?>? overrides = null, int port = 0)
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

        var host = new ApiHost(settings, new IssuerTraffic());
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        host.StartServer();
        host.BaseUrl = host.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // UseSetting reaches the app as early as its command line, before Program reads configuration.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(_traffic));
    }
}
