using Microsoft.Extensions.Configuration.Json;

namespace ResourceApi.Development;

public static class RepositorySettingsFile
{
    public const string FileName = "appsettings.Development.json";

    /// <summary>
    /// In Development, loads the repository's top-level <c>appsettings.Development.json</c>, the one
    /// file a developer edits, in the place the framework gives <c>appsettings.{Environment}.json</c>:
    /// above <c>appsettings.json</c>, below user secrets, environment variables and the command line.
    /// </summary>
    internal static WebApplicationBuilder AddRepositorySettingsFile(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || FindRepositoryFile(builder.Environment.ContentRootPath) is not { } path)
        {
            return builder;
        }

        var sources = builder.Configuration.Sources;
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = true };
        source.ResolveFileProvider();

        // Right after the framework's own appsettings files.
        var index = sources.Select((s, i) => (s, i))
            .LastOrDefault(x => x.s is JsonConfigurationSource { Path: { } p } && p.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)).i;
        sources.Insert(index + 1, source);
        return builder;
    }

    // The content root is src/ResourceApi when run from the repository; the file sits two levels up.
    private static string? FindRepositoryFile(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ResourceApi.sln")))
            {
                return candidate;
            }
        }
        return null;
    }
}
