namespace ResourceApi.Client.Tests.Infrastructure;

/// <summary>One API host with its development issuer, shared by every test in the <see cref="ApiHostCollection"/>.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private readonly List<string> _folders = [];

    public ApiHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = TrafficHost.Start(NewDataFolder());
        return Task.CompletedTask;
    }

    /// <summary>An empty folder for a host's keys and databases, deleted with the fixture.</summary>
    public string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"resourceapi-client-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A host another test still holds; the temp folder is cleaned by the OS.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "Calling service against the API and its development issuer";
}
