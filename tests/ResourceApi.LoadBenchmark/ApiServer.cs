using System.Diagnostics;
using System.Net;
using ResourceApi.Testing;

namespace ResourceApi.LoadBenchmark;

/// <summary>
/// The API from its Release build output, as its own process (pinned to a core when asked), on
/// 127.0.0.1. Stopped by the PID this tool started; its console output goes to a log file.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ApiServer(Process process, StreamWriter log, string baseUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public static async Task<ApiServer> StartAsync(string apiDll, int? cpu, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var port = LoopbackPort.Unused();
        var baseUrl = $"http://127.0.0.1:{port}";
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
            start.ArgumentList.Add(cpu.Value.ToString());
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(apiDll);
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ApiServer(process, log, baseUrl);
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Peak resident set size since start (kernel's high-water mark), in KiB.</summary>
    public long PeakRssKiB => ReadStatus("VmHWM:");

    public long RssKiB => ReadStatus("VmRSS:");

    private long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
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
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before answering /health; see its log.");
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health");
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
        throw new TimeoutException($"The API did not answer /health within {timeout.TotalSeconds} s; see its log.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first so the host shuts down cleanly (SQLite checkpoints its WAL), then SIGKILL.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
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
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
