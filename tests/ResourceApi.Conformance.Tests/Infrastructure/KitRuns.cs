using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Tests.Infrastructure;

/// <summary>The options every run uses: this API's routes and scopes, which the stock quickstart copies.</summary>
internal static class KitRuns
{
    public const string Audience = "https://api.example.test";

    public static ConformanceOptions Options(string apiBaseUrl) => new()
    {
        Api = new Uri(apiBaseUrl),
        Path = "/api/messages",
        Scope = "read:messages",
        Audience = Audience,
        IssuerPort = 0,
        WritePath = "/api/messages",
        WriteScope = "write:messages",
        WaitForApi = TimeSpan.FromSeconds(60),
    };

    /// <summary>This API in Production, trusting the kit's issuer: the two settings and its own database, nothing else.</summary>
    public static ApiHost ThisApi(KitIssuer issuer, string databaseFolder, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = issuer.BaseUrl,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
            ["ConnectionStrings:Messages"] = $"Data Source={Path.Combine(databaseFolder, "messages.db")}",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new ApiHost(settings).ListenOnLoopback();
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"resourceapi-conformance-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Still held by a host shutting down; the temp folder is cleaned by the OS.
        }
    }
}
