namespace ResourceApi.Tests.Infrastructure;

/// <summary>Where the repository's files are, found from the test assembly's folder.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
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
