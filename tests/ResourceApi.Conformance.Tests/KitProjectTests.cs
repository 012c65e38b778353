using System.Text.RegularExpressions;

namespace ResourceApi.Conformance.Tests;

/// <summary>The kit checks any API over HTTP, so it may know nothing of this one's code.</summary>
public sealed class KitProjectTests
{
    [Fact]
    public void The_kit_references_no_project_and_imports_no_namespace_of_this_repository()
    {
        var kit = Path.Combine(RepositoryRoot(), "src", "ResourceApi.Conformance");

        File.ReadAllText(Path.Combine(kit, "ResourceApi.Conformance.csproj")).Should().NotContain("<ProjectReference");
        var foreign = Directory.EnumerateFiles(kit, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Where(line => Regex.IsMatch(line, @"^\s*using\s+ResourceApi\.(?!Conformance\b)")).Select(line => $"{Path.GetFileName(file)}: {line.Trim()}"));
        foreign.Should().BeEmpty();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResourceApi.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ResourceApi.sln not found above the test assembly.");
    }
}
