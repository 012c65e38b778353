using System.Text.RegularExpressions;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// Runs every request in the repository's <c>http/</c> folder with httpyac against the real API and
/// its development issuer, so the files a newcomer follows keep working. Needs Node.js; installs the
/// pinned httpyac from <c>tests/http-runner/package-lock.json</c> with <c>npm ci</c> when missing.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed partial class HttpFilesTests(DevelopmentIssuerFixture issuer)
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static readonly Dictionary<string, string> NoColor = new() { ["NO_COLOR"] = "1" };

    [Fact]
    public async Task Every_request_in_the_http_files_passes_its_assertions()
    {
        var root = Repository.Root;
        var runner = Path.Combine(root, "tests", "http-runner");
        var httpyac = Path.Combine(runner, "node_modules", ".bin", "httpyac");
        if (!File.Exists(httpyac))
        {
            var install = await ExternalProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], runner, NpmTimeout, NoColor);
            install.ExitCode.Should().Be(0, $"npm ci in tests/http-runner failed:\n{install.Output}");
        }

        // httpyac lets a file's own `@host = ...` win over --var, so the copies point at this host instead.
        var folder = issuer.NewDataFolder();
        var expected = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "http"), "*.http"))
        {
            var text = HostVariable().Replace(await File.ReadAllTextAsync(file), $"@host = {issuer.Host.BaseUrl}");
            expected += RequestSeparator().Count(text);
            await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(file)), text);
        }

        var run = await ExternalProcess.RunAsync(httpyac, ["send", "*.http", "--all"], folder, RunTimeout, NoColor);

        expected.Should().BeGreaterThan(10);
        run.Output.Should().Contain($"{expected} requests processed ({expected} succeeded)", run.Output);
        run.ExitCode.Should().Be(0, run.Output);
    }

    [GeneratedRegex(@"^@host\s*=.*$", RegexOptions.Multiline)]
    private static partial Regex HostVariable();

    [GeneratedRegex(@"^###", RegexOptions.Multiline)]
    private static partial Regex RequestSeparator();
}
