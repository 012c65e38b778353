using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Templates;

/// <summary>
/// A temporary folder where a newcomer's steps run: a folder feed with the repository's packages and template,
/// an isolated template home (<c>--debug:custom-hive</c>) and packages folder, so nothing installed or cached on
/// the machine stands in for what this commit packs, and the project the template creates.
/// </summary>
internal sealed class TemplateWorkspace : IDisposable
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);

    private static readonly string[] PackedProjects =
    [
        "src/ResourceApi.BearerErrors/ResourceApi.BearerErrors.csproj",
        "src/ResourceApi.AccessTokens/ResourceApi.AccessTokens.csproj",
        "src/ResourceApi.ScopePolicies/ResourceApi.ScopePolicies.csproj",
        "src/ResourceApi.Templates/ResourceApi.Templates.csproj",
    ];

    public TemplateWorkspace() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"resourceapi-template-{Guid.NewGuid():N}");

    public string Feed => Path.Combine(Folder, "feed");

    private string Hive => Path.Combine(Folder, "template-home");

    /// <summary>
    /// <c>dotnet pack</c> of the three packages and the template into <see cref="Feed"/>, in one command: a solution
    /// filter naming the four projects of the repository's solution.
    /// </summary>
    public Task<(int ExitCode, string Output)> PackAsync()
    {
        var filter = Path.Combine(Folder, "packages.slnf");
        File.WriteAllText(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = Path.Combine(Repository.Root, "ResourceApi.sln"), projects = PackedProjects },
        }));
        return DotnetAsync(Folder, "pack", filter, "-o", Feed);
    }

    public Task<(int ExitCode, string Output)> InstallTemplateAsync() =>
        DotnetAsync(Folder, "new", "install", Path.Combine(Feed, "ResourceApi.Templates.0.1.0.nupkg"), "--debug:custom-hive", Hive);

    /// <summary><c>dotnet new resource-api -n {name}</c> and the template's <paramref name="options"/>, into a folder of that name.</summary>
    public Task<(int ExitCode, string Output)> CreateAsync(string name, params string[] options) =>
        DotnetAsync(Folder, ["new", "resource-api", "-n", name, "-o", Path.Combine(Folder, name), "--debug:custom-hive", Hive, .. options]);

    /// <summary>
    /// A nuget.config beside the created project: the ResourceApi packages from <see cref="Feed"/> only (source
    /// mapping), everything else from the machine's packages folder or nuget.org, restored into a packages folder
    /// of this workspace so a package of the same version cached by an earlier run cannot stand in.
    /// </summary>
    public void WriteNuGetConfig(string projectFolder)
    {
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(projectFolder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Folder, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="feed" value="{Feed}" />
                <add key="machine" value="{machinePackages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="feed"><package pattern="ResourceApi.*" /></packageSource>
                <packageSource key="machine"><package pattern="*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    /// <summary>Runs <c>dotnet</c> in <paramref name="workingDirectory"/>, without build servers that would outlive the test.</summary>
    public static Task<(int ExitCode, string Output)> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var isBuild = arguments[0] is "pack" or "build" or "test";
        string[] quiet = isBuild ? ["-nodeReuse:false", "--disable-build-servers", "-p:UseSharedCompilation=false"] : [];
        return ExternalProcess.RunAsync("dotnet", [.. arguments, .. quiet], workingDirectory, StepLimit, new Dictionary<string, string>
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        });
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
