using System.Globalization;

namespace ResourceApi.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's packages: <c>initdb</c> in a temporary folder, the server on a
/// loopback port (no Unix socket outside that folder, trust authentication, no fsync), stopped and deleted on
/// dispose. When the binaries are missing this fails with what to install; it never skips.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    /// <summary>The folder holding initdb, pg_ctl and psql: the newest /usr/lib/postgresql/*/bin.</summary>
    public static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions
            .Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "pg_ctl")) && File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0)
            .FirstOrDefault();
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries were not found under /usr/lib/postgresql/*/bin. Install Debian's package: apt-get install -y postgresql (.ci/run does).");
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("resourceapi-pg-").FullName;
        var server = new PostgresServer(bin, folder, LoopbackPort.Unused());
        try
        {
            if (ServerProcess.IsRoot)
            {
                await ServerProcess.RunAsync("chown", ["postgres:postgres", folder]);
            }
            await server.RunAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
            await server.StartAgainAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A connection string for <paramref name="database"/> as the superuser, over TCP on loopback.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    /// <summary>A new, empty database with a unique name, returned.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await PsqlAsync($"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>Runs one SQL statement with psql and returns its unaligned, tuples-only output.</summary>
    public async Task<string> PsqlAsync(string sql, string database = "postgres") =>
        (await ServerProcess.RunAsync(Path.Combine(_bin, "psql"),
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql])).Trim();

    /// <summary>Stops the server at once (fast shutdown: open sessions are ended), keeping its data.</summary>
    public async Task StopAsync()
    {
        await RunAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);
        IsRunning = false;
    }

    /// <summary>Starts the server on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync("pg_ctl", ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        IsRunning = true;
    }

    private Task<string> RunAsync(string tool, IEnumerable<string> arguments) =>
        ServerProcess.RunAsync(Path.Combine(_bin, tool), arguments, ServerProcess.IsRoot ? "postgres" : null);

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            try
            {
                await RunAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
        Directory.Delete(_folder, recursive: true);
    }
}
