using System.Text.RegularExpressions;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Authorization;

/// <summary>Teams copy src/ResourceApi/Authorization into their APIs: it must not lean on the rest of this project.</summary>
public sealed partial class ScopePolicyFolderTests
{
    [Fact]
    public void The_scope_policy_folder_uses_nothing_else_from_this_project()
    {
        var folder = Path.Combine(Repository.Root, "src", "ResourceApi", "Authorization");
        var files = Directory.GetFiles(folder, "*.cs");

        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            var outside = ProjectReference().Matches(File.ReadAllText(file)).Select(m => m.Value)
                .Where(r => r != "ResourceApi.Authorization");
            outside.Should().BeEmpty($"{Path.GetFileName(file)} must compile when the folder is copied alone");
        }
    }


    [GeneratedRegex(@"\bResourceApi(\.[A-Za-z]+)*")]
    private static partial Regex ProjectReference();
}
