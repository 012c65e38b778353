using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Testing;

/// <summary>
/// The real API in process, configured only through its settings, as an operator would: in Production
/// against a <see cref="LoopbackIssuer"/> by default, or in Development with its built-in issuer. In memory
/// unless <see cref="ListenOnLoopback"/> gives it a real port (for callers that must reach it over HTTP,
/// the API itself included when it fetches its own development issuer's keys). The one way the test
/// projects host the API in process.
/// </summary>
public class ApiHost(IReadOnlyDictionary<string, string?> settings, string environment = "Production", Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Every log line the host wrote, Debug included: what an operator with Debug on would read.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>http://127.0.0.1:port (no trailing slash), once <see cref="ListenOnLoopback"/> was called.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>Production settings for an API trusting <paramref name="issuer"/> under <c>Bearer</c>, on its own SQLite file.</summary>
    public static Dictionary<string, string?> SettingsFor(LoopbackIssuer issuer, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return new()
        {
            ["Authentication:Schemes:Bearer:Authority"] = issuer.BaseUrl,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = LoopbackIssuer.Audience,
            ["ConnectionStrings:Messages"] = $"Data Source={databasePath}",
            // Production serves no Swagger by default; the OpenAPI tests read the document from this host.
            ["OpenApi:EnableSwaggerUi"] = "true",
        };
    }

    /// <summary>
    /// The API as `dotnet run` starts it (Development, no authority: the built-in issuer is mounted), keeping
    /// its keys and databases in <paramref name="dataFolder"/>, listening on a loopback port.
    /// </summary>
    public static ApiHost StartDevelopment(string dataFolder, IReadOnlyDictionary<string, string?>? overrides = null, int port = 0,
        Action<IServiceCollection>? services = null)
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
        return new ApiHost(settings, "Development", services).ListenOnLoopback(port);
    }

    /// <summary>Starts the server on a real loopback port (0: any free one) and returns this host.</summary>
    public ApiHost ListenOnLoopback(int port = 0)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        // Refusals are Debug lines; the tests read them as an operator with Debug on would.
        builder.UseSetting("Logging:LogLevel:ResourceApi", "Debug");
        // UseSetting reaches the app as early as its command line, before Program reads configuration.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
