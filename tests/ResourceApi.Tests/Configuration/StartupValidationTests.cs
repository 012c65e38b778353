using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Configuration;

/// <summary>Settings that cannot work stop the app at start, with a message naming the key to fix.</summary>
[Collection(ApiCollection.Name)]
public sealed class StartupValidationTests(ApiFixture api)
{
    public static TheoryData<string, string?, string> BrokenSettings => new()
    {
        { "Authentication:Schemes:Bearer:Authority", null, "Authentication:Schemes:Bearer:Authority" },
        { "Authentication:Schemes:Bearer:Authority", "http://issuer.example.com/", "must use https" },
        { "Authentication:Schemes:Bearer:Authority", "not a url", "absolute http(s) URL" },
        { "Authentication:Schemes:Bearer:ValidAudiences:0", null, "Authentication:Schemes:Bearer:ValidAudiences:0" },
        { "Authentication:Schemes:Bearer:ClockSkew", "00:10:00", "ClockSkew" },
        { "Authentication:Schemes:Bearer:MaxTokenLifetime", "8.00:00:00", "Authentication:Schemes:Bearer:MaxTokenLifetime must be between 00:01:00 and 7.00:00:00" },
        { "Authentication:Schemes:Bearer:MaxTokenLifetime", "00:00:30", "Authentication:Schemes:Bearer:MaxTokenLifetime must be between 00:01:00 and 7.00:00:00" },
        { "Authentication:Schemes:Bearer:ClientIdClaimTypes", "", "Authentication:Schemes:Bearer:ClientIdClaimTypes is empty" },
        { "Authentication:Schemes:Bearer:MaxTokenLifetime", "a day", "Authentication:Schemes:Bearer:MaxTokenLifetime must be a time span" },
        { "ProtectedResource:Identifier", "resource-api", "ProtectedResource:Identifier must be an absolute https URL" },
        { "ProtectedResource:Identifier", "http://resource-api.test", "ProtectedResource:Identifier must use https" },
        { "ProtectedResource:Identifier", "https://another-api.test", "ProtectedResource:Identifier is 'https://another-api.test', which is not an audience the API accepts" },
        { "ProtectedResource:Identifier", "https://resource-api.test/?tenant=1", "ProtectedResource:Identifier must have no user name, query or fragment" },
        { "ProtectedResource:Identifier", "https://resource-api.test/a/../b", "ProtectedResource:Identifier may have a path of letters" },
        { "ProtectedResource:Identifier", "https://resource-api.test/{id}", "ProtectedResource:Identifier may have a path of letters" },
        { "Authentication:Schemes:Bearer:ValidAudiences:0", "resource-api", "ProtectedResource:Identifier is empty and no audience the API accepts is an https URL" },
        { "ProtectedResource:MetadataMaxAge", "2.00:00:00", "ProtectedResource:MetadataMaxAge must be between" },
        { "ForwardedHeaders:KnownProxies:0", "proxy.internal", "ForwardedHeaders:KnownProxies:0 must be an IP address" },
        { "ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0 must be a network in CIDR form" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public async Task Broken_setting_stops_the_app_in_production_with_a_message_naming_it(string key, string? value, string message)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { [key] = value });

        var start = () => factory.Server;

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public async Task RequireHttpsMetadata_false_is_refused_for_a_remote_issuer()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = "https://issuer.example.com/",
            ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false",
        });

        var start = () => factory.Server;

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("RequireHttpsMetadata=false is only allowed for a loopback issuer");
    }

    [Fact]
    public async Task In_Development_an_http_identifier_must_be_on_a_loopback_host()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["ProtectedResource:Identifier"] = "http://api.example.com" }, environment: "Development");

        var start = () => factory.Server;

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("ProtectedResource:Identifier may use http only on a loopback host");
    }

    [Fact]
    public async Task Empty_connection_string_stops_the_app()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["ConnectionStrings:Messages"] = "" });

        var start = () => factory.Server;

        start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("ConnectionStrings:Messages");
    }

    [Fact]
    public async Task The_repository_appsettings_Development_json_is_loaded_in_Development()
    {
        await using var factory = api.CreateFactory(environment: "Development");

        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var file = Path.Combine(Repository.Root, "appsettings.Development.json");

        // Set only in the repository's file.
        configuration["Logging:LogLevel:Microsoft.AspNetCore.Authentication"].Should().Be("Information");
        ((IConfigurationRoot)configuration).Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>()
            .Should().Contain(p => Path.GetFullPath(Path.Combine(((Microsoft.Extensions.FileProviders.PhysicalFileProvider)p.Source.FileProvider!).Root, p.Source.Path!)) == file);
    }

    [Fact]
    public async Task Environment_and_command_line_settings_override_the_development_file()
    {
        await using var factory = api.CreateFactory(
            new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "https://from-the-command-line.example" },
            environment: "Development");

        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        configuration["Authentication:Schemes:Bearer:ValidAudiences:0"].Should().Be("https://from-the-command-line.example");
    }

}
