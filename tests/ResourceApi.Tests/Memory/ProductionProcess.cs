using System.Diagnostics;
using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Memory;

/// <summary>
/// The API's own build output started as its own process in Production, so what it loads is its own
/// doing (the test process has every assembly of every test loaded). Reads the assemblies the runtime
/// mapped from <c>/proc/PID/maps</c>.
/// </summary>
internal sealed class ProductionProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ProductionProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<ProductionProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ResourceApi.dll");
        var port = LoopbackPort.Unused();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ProductionProcess(process, $"http://127.0.0.1:{port}");
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(api.BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
            {
                break;
            }
            await Task.Delay(100);
        }
        await api.DisposeAsync();
        throw new InvalidOperationException("The API process did not answer /health.");
    }

    /// <summary>File names of the managed assemblies the process has mapped.</summary>
    public IReadOnlySet<string> LoadedAssemblies() =>
        File.ReadLines($"/proc/{_process.Id}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
