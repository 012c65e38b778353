using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ResourceApi.Testing;

/// <summary>
/// The API from a build output, as its own process on 127.0.0.1 (pinned to a core when asked), in
/// Production unless its settings say otherwise: what it loads and how much memory it takes are then its
/// own doing, not the test runner's. Stopped by the PID this started. The one way the tests and the load
/// benchmark host the API out of process.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter? _log;

    private ApiProcess(Process process, StreamWriter? log, string baseUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <param name="apiDll">The API's ResourceApi.dll.</param>
    /// <param name="settings">Configuration keys (<c>a:b</c> or <c>a__b</c>) and values, passed as environment variables.</param>
    /// <param name="cpu">The core to pin the API to, or null.</param>
    /// <param name="logPath">Where its console output goes; null: nowhere.</param>
    public static async Task<ApiProcess> StartAsync(string apiDll, IReadOnlyDictionary<string, string?> settings, int? cpu = null, string? logPath = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = $"http://127.0.0.1:{LoopbackPort.Unused()}";
        var start = new ProcessStartInfo(cpu is null ? "dotnet" : "taskset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        if (cpu is not null)
        {
            // taskset execs dotnet, so the PID is the API's own and /proc/<pid>/status is its memory.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpu.Value.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(apiDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, log, baseUrl);
        try
        {
            await api.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    /// <summary>Ends the process with SIGKILL, by its PID: no shutdown, no flush, as when a machine or container dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Peak resident set size since start (kernel's high-water mark), in KiB.</summary>
    public long PeakRssKiB => ReadStatus("VmHWM:");

    public long RssKiB => ReadStatus("VmRSS:");

    /// <summary>File names of the managed assemblies the process has mapped.</summary>
    public IReadOnlySet<string> LoadedAssemblies() =>
        File.ReadLines($"/proc/{_process.Id}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static void Write(StreamWriter? log, string? line)
    {
        if (log is null || line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before answering /health.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // starting slowly
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The API did not answer /health within {timeout.TotalSeconds} s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first so the host shuts down cleanly (SQLite checkpoints its WAL), then SIGKILL.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        if (_log is not null)
        {
            lock (_log)
            {
                _log.Dispose();
            }
        }
    }
}
