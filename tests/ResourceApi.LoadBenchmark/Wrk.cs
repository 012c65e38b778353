using System.Diagnostics;
using System.Globalization;

namespace ResourceApi.LoadBenchmark;

/// <summary>One wrk run's figures, from the RESULT line the Lua <c>done</c> hook prints.</summary>
internal sealed record WrkResult(long Requests, long DurationMicroseconds, long SocketErrors, long StatusErrors, long P50Microseconds, long P99Microseconds)
{
    public double RequestsPerSecond => Requests / (DurationMicroseconds / 1_000_000.0);
}

internal static class Wrk
{
    /// <summary>Runs wrk once; <paramref name="scriptArgs"/> go to the Lua script's init().</summary>
    public static async Task<WrkResult> RunAsync(BenchmarkOptions options, int seconds, string url, string script, IEnumerable<string> headers, IEnumerable<string> scriptArgs)
    {
        var start = new ProcessStartInfo(options.LoadCpu is null ? "wrk" : "taskset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var args = start.ArgumentList;
        if (options.LoadCpu is not null)
        {
            args.Add("-c");
            args.Add(options.LoadCpu.Value.ToString(CultureInfo.InvariantCulture));
            args.Add("wrk");
        }
        foreach (var item in (string[])["-t", $"{options.Threads}", "-c", $"{options.Connections}", "-d", $"{seconds}s", "--timeout", "5s", "-s", script])
        {
            args.Add(item);
        }
        foreach (var header in headers)
        {
            args.Add("-H");
            args.Add(header);
        }
        args.Add(url);
        var extra = scriptArgs.ToList();
        if (extra.Count > 0)
        {
            args.Add("--");
            extra.ForEach(args.Add);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"wrk did not finish a {seconds} s run within {seconds + 60} s.");
        }

        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no RESULT line (exit {process.ExitCode}):\n{output}\n{await stderr}");
        var fields = line["RESULT ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('='))
            .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        return new WrkResult(
            fields["requests"], fields["duration_us"],
            fields["connect"] + fields["read"] + fields["write"] + fields["timeout"], fields["status"],
            fields["p50_us"], fields["p99_us"]);
    }
}
