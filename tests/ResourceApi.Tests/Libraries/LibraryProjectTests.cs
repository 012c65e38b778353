using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Libraries;

/// <summary>
/// Teams reference or copy the libraries under src/ into their own APIs. Each, copied out with only the build
/// props and the projects it names, must build (and the scope policies pass their own tests): proof that it
/// leans on nothing else in this repository, in particular on no app code.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class LibraryProjectTests
{
    [Fact]
    public async Task The_scope_policy_project_builds_and_passes_its_tests_copied_out_with_the_bearer_errors_project_alone()
    {
        using var copy = RepositoryCopy.Of(Path.Combine("src", "ResourceApi.BearerErrors"), Path.Combine("src", "ResourceApi.ScopePolicies"),
            Path.Combine("tests", "ResourceApi.ScopePolicies.Tests"));

        var (exitCode, output) = await copy.DotnetAsync("test", Path.Combine("tests", "ResourceApi.ScopePolicies.Tests"));

        exitCode.Should().Be(0, output);
        output.Should().MatchRegex(@"Passed!\s+- Failed:\s+0, Passed:\s+[1-9]");
    }

    [Fact]
    public async Task The_access_token_library_builds_copied_out_with_the_bearer_errors_project_alone()
    {
        using var copy = RepositoryCopy.Of(Path.Combine("src", "ResourceApi.BearerErrors"), Path.Combine("src", "ResourceApi.AccessTokens"));

        var (exitCode, output) = await copy.DotnetAsync("build", Path.Combine("src", "ResourceApi.AccessTokens"));

        exitCode.Should().Be(0, output);
        output.Should().Contain("Build succeeded").And.Contain("0 Error(s)");
    }

    [Theory]
    [InlineData("ResourceApi.AccessTokens", "OpenIddict")]
    [InlineData("ResourceApi.AccessTokens", "Swashbuckle")]
    [InlineData("ResourceApi.AccessTokens", "EntityFrameworkCore")]
    [InlineData("ResourceApi.AccessTokens", "ResourceApi.ScopePolicies")]
    [InlineData("ResourceApi.AccessTokens", "ResourceApi.DevelopmentIssuer")]
    [InlineData("ResourceApi.ScopePolicies", "ResourceApi.AccessTokens")]
    public void A_library_references_none_of_what_it_must_not_know(string library, string forbidden)
    {
        var folder = Path.Combine(Repository.Root, "src", library);
        var sources = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        // What a file imports or a project references; comments may name what the library stays out of.
        var references = sources.SelectMany(File.ReadLines)
            .Where(line => line.TrimStart().StartsWith("using ", StringComparison.Ordinal) || line.Contains("Include=", StringComparison.Ordinal));

        references.Where(line => line.Contains(forbidden, StringComparison.Ordinal))
            .Should().BeEmpty($"{library} must not depend on {forbidden}");
    }
}
