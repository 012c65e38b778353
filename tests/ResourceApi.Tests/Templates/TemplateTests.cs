using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ResourceApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ResourceApi.Tests.Templates;

/// <summary>
/// What a team does with this repository's packages: pack them and the template into a folder feed, install the
/// template in an isolated template home, create an API, build it with the packages from that feed, and run it
/// against an issuer serving discovery and a JWKS over HTTP, with real signed tokens.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class TemplateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_api_created_from_the_template_with_the_packed_packages_reads_with_read_items_refuses_a_write_and_points_a_tokenless_caller_at_its_metadata()
    {
        var clock = Stopwatch.StartNew();
        using var workspace = new TemplateWorkspace();

        await Step(workspace.PackAsync());
        Directory.EnumerateFiles(workspace.Feed).Select(Path.GetFileName).Should().BeEquivalentTo(
            "ResourceApi.AccessTokens.0.1.0.nupkg", "ResourceApi.ScopePolicies.0.1.0.nupkg", "ResourceApi.BearerErrors.0.1.0.nupkg",
            "ResourceApi.Templates.0.1.0.nupkg");
        await Step(workspace.InstallTemplateAsync());
        await Step(workspace.CreateAsync("Contoso.Orders", "--preset", "Keycloak"));
        var project = Path.Combine(workspace.Folder, "Contoso.Orders");
        File.ReadAllText(Path.Combine(project, "src", "Contoso.Orders", "appsettings.json")).Should().Contain("\"Preset\": \"Keycloak\"");
        workspace.WriteNuGetConfig(project);
        // The solution: the API, and its test project, which must build too.
        await Step(TemplateWorkspace.DotnetAsync(project, "build"));
        // The generated tests pass too: the new API against their own loopback issuer, with real signed tokens.
        await Step(TemplateWorkspace.DotnetAsync(project, "test", "--no-build"));

        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var api = await ApiProcess.StartAsync(Path.Combine(project, "src", "Contoso.Orders", "bin", "Debug", "net10.0", "Contoso.Orders.dll"),
            new Dictionary<string, string?>
            {
                ["Authentication:Schemes:Bearer:Authority"] = issuer.Authority,
                ["Authentication:Schemes:Bearer:ValidAudiences:0"] = LoopbackIssuer.Audience,
                // The loopback issuer's tokens are RFC 9068's, not Keycloak's dialect.
                ["Authentication:Schemes:Bearer:Preset"] = "None",
            });
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };
        var reader = issuer.Token("read:items");

        using var read = await SendAsync(http, HttpMethod.Get, reader);
        using var write = await SendAsync(http, HttpMethod.Post, reader);
        using var anonymous = await SendAsync(http, HttpMethod.Get, token: null);

        read.StatusCode.Should().Be(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        var refused = await BearerResponse.ReadAsync(write);
        refused.Status.Should().Be(HttpStatusCode.Forbidden);
        refused.Error.Should().Be("insufficient_scope");
        refused.Parameters.Should().Contain("scope", "write:items");
        refused.ContentType.Should().Be("application/problem+json");
        var challenged = await BearerResponse.ReadAsync(anonymous);
        challenged.Status.Should().Be(HttpStatusCode.Unauthorized);
        challenged.Challenge.Should().StartWith("Bearer");
        challenged.Parameters.Should().Contain("resource_metadata", "https://resource-api.test/.well-known/oauth-protected-resource");
        // A figure, not an assertion: a time bound asserted here would fail on a loaded CI machine, not on a slow template.
        output.WriteLine($"pack, install, create, build, test, run: {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task Step(Task<(int ExitCode, string Output)> command)
    {
        var (exitCode, output) = await command;
        exitCode.Should().Be(0, output);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string? token)
    {
        using var request = new HttpRequestMessage(method, "/api/items");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("""{"name":"first"}""", Encoding.UTF8, "application/json");
        }
        return await http.SendAsync(request);
    }
}
