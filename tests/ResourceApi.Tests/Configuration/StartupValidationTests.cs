using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        { "Authentication:Schemes:Bearer:MaxTokenLifetime", "31.00:00:00", "Authentication:Schemes:Bearer:MaxTokenLifetime must be between 00:01:00 and 30.00:00:00" },
        { "Authentication:Schemes:Bearer:MaxTokenLifetime", "00:00:30", "Authentication:Schemes:Bearer:MaxTokenLifetime must be between 00:01:00 and 30.00:00:00" },
        { "Authentication:Schemes:Bearer:ClientIdClaimTypes", "", "Authentication:Schemes:Bearer:ClientIdClaimTypes is empty" },
        { "Authentication:Schemes:Bearer:MaxMetadataBytes", "1023", "Authentication:Schemes:Bearer:MaxMetadataBytes must be between 1024 and 16777216" },
        { "Authentication:Schemes:Bearer:MaxMetadataBytes", "16777217", "Authentication:Schemes:Bearer:MaxMetadataBytes must be between 1024 and 16777216" },
        // A second issuer's section is checked like Bearer's, and the message names its own key.
        { "Authentication:Schemes:Partner:Authority", "https://partner.example/", "Authentication:Schemes:Partner:ValidAudiences:0" },
        { "Authentication:Schemes:Bearer:MaxTokenLifetime", "a day", "Authentication:Schemes:Bearer:MaxTokenLifetime must be a time span" },
        { "ProtectedResource:Identifier", "resource-api", "ProtectedResource:Identifier must be an absolute https URL" },
        { "ProtectedResource:Identifier", "http://resource-api.test", "ProtectedResource:Identifier must use https" },
        { "ProtectedResource:Identifier", "https://resource-api.test/?tenant=1", "ProtectedResource:Identifier must have no user name, query or fragment" },
        { "ProtectedResource:Identifier", "https://resource-api.test/a/../b", "ProtectedResource:Identifier may have a path of letters" },
        { "ProtectedResource:Identifier", "https://resource-api.test/{id}", "ProtectedResource:Identifier may have a path of letters" },
        { "ProtectedResource:MetadataMaxAge", "2.00:00:00", "ProtectedResource:MetadataMaxAge must be between" },
        { "ForwardedHeaders:KnownProxies:0", "proxy.internal", "ForwardedHeaders:KnownProxies:0 must be an IP address" },
        { "ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0 must be a network in CIDR form" },
        { "Telemetry:PrometheusPort", "metrics", "Telemetry:PrometheusPort must be a TCP port number between 1 and 65535" },
        { "Telemetry:PrometheusPort", "0", "Telemetry:PrometheusPort must be a TCP port number between 1 and 65535" },
        { "Telemetry:PrometheusPort", "65536", "Telemetry:PrometheusPort must be a TCP port number between 1 and 65535" },
        { "Telemetry:PrometheusPort", "-1", "Telemetry:PrometheusPort must be a TCP port number between 1 and 65535" },
        // Once the switch for a scrape endpoint on the API's own port: now it needs a port of its own.
        { "Telemetry:PrometheusEnabled", "true", "Set Telemetry:PrometheusPort" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public async Task Broken_setting_stops_the_app_in_production_with_a_message_naming_it(string key, string? value, string message)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { [key] = value });

        var start = () => factory.Server;

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }

    public static TheoryData<string, string, string> SettingsThatStartWithAWarning => new()
    {
        // No https audience to take an identifier from: tokens are still validated, RFC 9728 metadata is off.
        { "Authentication:Schemes:Bearer:ValidAudiences:0", "resource-api", "RFC 9728 protected resource metadata is off: ProtectedResource:Identifier is empty" },
        { "Authentication:Schemes:Bearer:ValidAudiences:0", "api://6e74172b-be56-4843-9ff4-e66a39bb12e3", "RFC 9728 protected resource metadata is off: ProtectedResource:Identifier is empty" },
        // An RFC 8707 client asking a token for it would get one the API refuses.
        { "ProtectedResource:Identifier", "https://another-api.test", "ProtectedResource:Identifier is 'https://another-api.test', which is not an audience the API accepts" },
    };

    [Theory]
    [MemberData(nameof(SettingsThatStartWithAWarning))]
    public async Task A_missing_or_unaccepted_identifier_starts_the_app_with_one_warning_naming_the_keys_to_set(string key, string value, string warning)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { [key] = value });

        var start = () => factory.Server;

        start.Should().NotThrow();
        factory.Logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains("ProtectedResource:Identifier", StringComparison.Ordinal))
            .Which.Message.Should().StartWith(warning).And.Contain("Authentication:Schemes:Bearer:ValidAudiences");
    }

    [Fact]
    public async Task Without_a_Bearer_scheme_the_warning_names_the_first_trusted_schemes_audiences()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = null,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = null,
            ["Authentication:Schemes:Keycloak:Authority"] = api.Issuer.BaseUrl,
            ["Authentication:Schemes:Keycloak:ValidAudiences:0"] = "messages-api",
        });

        var start = () => factory.Server;

        start.Should().NotThrow();
        var warning = factory.Logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains("ProtectedResource:Identifier", StringComparison.Ordinal)).Subject;
        warning.Message.Should().Contain("Authentication:Schemes:Keycloak:ValidAudiences").And.NotContain("Authentication:Schemes:Bearer");
    }

    [Fact]
    public void With_an_accepted_identifier_the_app_starts_without_a_metadata_warning()
    {
        var start = () => api.Factory.Server;

        start.Should().NotThrow();
        api.Factory.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning && e.Message.Contains("ProtectedResource:Identifier", StringComparison.Ordinal));
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
