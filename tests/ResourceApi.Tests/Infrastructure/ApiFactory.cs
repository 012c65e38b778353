using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Tests.Infrastructure;

/// <summary>
/// The real API, configured as in production (environment Production, an issuer URL and an audience),
/// pointed at a <see cref="TestIssuer"/> and its own SQLite file.
/// </summary>
public class ApiFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Production") : WebApplicationFactory<Program>
{
    public static Dictionary<string, string?> SettingsFor(TestIssuer issuer, string databasePath) => new()
    {
        ["Authentication:Schemes:Bearer:Authority"] = issuer.BaseUrl,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = TestIssuer.Audience,
        ["ConnectionStrings:Messages"] = $"Data Source={databasePath}",
        // Production serves no Swagger by default; the OpenAPI tests read the document from this host.
        ["OpenApi:EnableSwaggerUi"] = "true",
    };

    public LogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        // Refusals are Debug lines; the tests read them as an operator with Debug on would.
        builder.UseSetting("Logging:LogLevel:ResourceApi", "Debug");
        // UseSetting reaches the app as early as its command line, before Program reads configuration.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
