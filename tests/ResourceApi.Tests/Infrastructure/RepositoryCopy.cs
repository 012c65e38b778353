namespace ResourceApi.Tests.Infrastructure;

/// <summary>
/// Some of this repository's projects copied into a fresh folder with the build props alone, the way a team
/// lifts a library into its own repository, and a dotnet command run there: proof that they lean on nothing else.
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private RepositoryCopy(string folder) => Folder = folder;

    public string Folder { get; }

    /// <param name="projects">Folders relative to the repository root, e.g. <c>src/ResourceApi.ScopePolicies</c>.</param>
    public static RepositoryCopy Of(params string[] projects)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"resourceapi-copy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(folder, file));
        }
        foreach (var project in projects)
        {
            CopySources(project, folder);
        }
        return new RepositoryCopy(folder);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the copy, without build servers that would outlive the test.</summary>
    public Task<(int ExitCode, string Output)> DotnetAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("dotnet", [.. arguments, "-nodeReuse:false", "--disable-build-servers", "-p:UseSharedCompilation=false"],
            Folder, Limit, new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });

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

    // Source and project files only: a stale bin/ or obj/ must not stand in for a real build.
    private static void CopySources(string relative, string destinationRoot)
    {
        var source = Path.Combine(Repository.Root, relative);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var inner = Path.GetRelativePath(source, file);
            if (inner.StartsWith("bin", StringComparison.Ordinal) || inner.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }
            var target = Path.Combine(destinationRoot, relative, inner);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>
/// Tests that run <c>dotnet build</c> or <c>dotnet test</c> themselves: alone, after every other collection,
/// so that their CPU does not stretch the time bounds other tests measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NestedBuildCollection
{
    public const string Name = "Nested builds";
}
