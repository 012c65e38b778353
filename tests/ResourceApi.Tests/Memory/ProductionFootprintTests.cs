using System.Net;
using System.Net.Http.Headers;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Memory;

/// <summary>
/// Nothing only Development needs (the development issuer, Swagger UI) is loaded in Production, nor what
/// only a configured exporter needs (OpenTelemetry), nor Data Protection's key ring, which bearer validation never uses.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProductionFootprintTests(ApiFixture api)
{
    [Fact]
    public async Task In_Production_neither_the_development_issuer_nor_Swagger_is_loaded()
    {
        var (loaded, home) = await LoadedAfterServingAsync(swaggerUi: false);

        loaded.Should().Contain("Microsoft.AspNetCore.Authentication.JwtBearer", "the probe sees what the API uses");
        loaded.Should().NotContain(a => a.StartsWith("OpenIddict", StringComparison.Ordinal));
        loaded.Should().NotContain("ResourceApi.DevelopmentIssuer");
        loaded.Should().NotContain(a => a.StartsWith("Swashbuckle", StringComparison.Ordinal));
        loaded.Should().NotContain("Microsoft.OpenApi");
        loaded.Should().NotContain(a => a.StartsWith("OpenTelemetry", StringComparison.Ordinal), "no exporter is configured");
        loaded.Should().NotContain("System.Private.Xml.Linq", "Data Protection's key ring (XML) is never read");
        Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories).Should().BeEmpty("no key ring is created on disk");
    }

    [Fact]
    public async Task In_Production_with_OpenApi_EnableSwaggerUi_Swagger_is_loaded_and_the_development_issuer_still_is_not()
    {
        var (loaded, _) = await LoadedAfterServingAsync(swaggerUi: true);

        loaded.Should().Contain("Swashbuckle.AspNetCore.SwaggerGen");
        loaded.Should().NotContain(a => a.StartsWith("OpenIddict", StringComparison.Ordinal));
        loaded.Should().NotContain("ResourceApi.DevelopmentIssuer");
    }

    // The process's HOME is an empty folder of its own: Data Protection would put its key ring there.
    private async Task<(IReadOnlySet<string> Loaded, string Home)> LoadedAfterServingAsync(bool swaggerUi)
    {
        var database = api.NewDatabasePath();
        var home = Directory.CreateTempSubdirectory("resourceapi-home-").FullName;
        var settings = ApiHost.SettingsFor(api.Issuer, database);
        settings["OpenApi:EnableSwaggerUi"] = swaggerUi ? "true" : "false";
        settings["HOME"] = home;
        settings["Logging:LogLevel:Default"] = "Warning";
        // The API's own build output, copied beside the tests: started as its own process, it loads only what it needs.
        await using var process = await ApiProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "ResourceApi.dll"), settings);
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Issuer.Token("read:messages"));

        (await client.GetAsync(process.BaseUrl + "/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(process.BaseUrl + "/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        if (swaggerUi)
        {
            (await client.GetAsync(process.BaseUrl + "/swagger/v1/swagger.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        return (process.LoadedAssemblies(), home);
    }
}
