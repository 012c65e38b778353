using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.ScopePolicies;

/// <summary>
/// Teams reference or copy src/ResourceApi.ScopePolicies into their own APIs. Copied on its own (with
/// only the build props) next to its test project, it must build and pass its tests: proof that it
/// leans on nothing else in this repository.
/// </summary>
public sealed class ScopePoliciesProjectTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_scope_policy_project_builds_and_passes_its_tests_copied_out_of_the_repository()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"scope-policies-alone-{Guid.NewGuid():N}");
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            {
                Directory.CreateDirectory(folder);
                File.Copy(Path.Combine(Repository.Root, file), Path.Combine(folder, file));
            }
            CopySources(Path.Combine("src", "ResourceApi.ScopePolicies"), folder);
            CopySources(Path.Combine("tests", "ResourceApi.ScopePolicies.Tests"), folder);

            var (exitCode, output) = await ExternalProcess.RunAsync("dotnet",
                ["test", Path.Combine("tests", "ResourceApi.ScopePolicies.Tests"), "-nodeReuse:false", "--disable-build-servers", "-p:UseSharedCompilation=false"],
                folder, Limit, new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });

            exitCode.Should().Be(0, output);
            output.Should().MatchRegex(@"Passed!\s+- Failed:\s+0, Passed:\s+[1-9]");
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS's temp cleaning.
            }
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
