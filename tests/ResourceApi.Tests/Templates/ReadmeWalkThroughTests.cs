using System.Diagnostics;
using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Templates;

/// <summary>
/// A newcomer's five minutes, as the top README writes them: its marked blocks run in order with /bin/sh, the API
/// started as written (`dotnet run`), then the curl commands and the calling service (`dotnet run` too). Only the
/// port is swapped for a free one, and the calling service, whose default is localhost:5080, is told that port.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class ReadmeWalkThroughTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StepsLimit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_readme_walk_through_run_in_order_reads_a_message_is_refused_a_write_with_insufficient_scope_and_the_calling_service_finds_its_issuer()
    {
        var port = LoopbackPort.Unused();
        var walkThrough = ReadmeWalkThrough.Read(Path.Combine(Repository.Root, "README.md")).OnPort(port);
        var data = Path.Combine(Path.GetTempPath(), $"resourceapi-walkthrough-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var environment = new Dictionary<string, string>
        {
            // Its own keys and database, not the developer's src/ResourceApi/App_Data.
            ["DevelopmentIssuer__DataFolder"] = data,
            ["ConnectionStrings__Messages"] = $"Data Source={Path.Combine(data, "messages.db")}",
            // The README's API address is the calling service's default; here the port differs. localhost, as its
            // default says, while the API was started on 127.0.0.1: the issuer comes from the API's metadata.
            ["ResourceApiClient__ApiBaseUrl"] = $"http://localhost:{port}",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["UseSharedCompilation"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };

        walkThrough.Steps.Should().HaveCount(4, "the README marks the token, the read, the refused write and the calling service");
        using var server = StartServer(walkThrough.Server, environment);
        try
        {
            await WaitForHealthAsync(port, server);
            var script = string.Join('\n', walkThrough.Steps.Select((step, i) => $"echo '@@step {i + 2}'\n{step}"));

            var (exitCode, output) = await ExternalProcess.RunAsync("/bin/sh", ["-c", script], Repository.Root, StepsLimit, environment);

            exitCode.Should().Be(0, output);
            var steps = output.Split("@@step ", StringSplitOptions.RemoveEmptyEntries).ToDictionary(s => s[0] - '0', s => s[1..]);
            steps[2].Should().Contain("\"clientId\":\"demo-reader\"", "step 2 gets a token and asks /api/me");
            steps[3].Should().StartWith("\nHTTP/1.1 200 OK").And.Contain("\"items\"");
            steps[4].Should().StartWith("\nHTTP/1.1 403 Forbidden").And.Contain("error=\"insufficient_scope\"").And.Contain("scope=\"write:messages\"");
            steps[5].Should().Contain("\"clientId\": \"demo-writer\"", "the calling service got a token from the issuer the API's metadata names")
                .And.Contain(FormattableString.Invariant($"\"issuer\": \"http://127.0.0.1:{port}/\""), "its default names localhost, the issuer names itself by 127.0.0.1");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS's temp cleaning.
            }
        }
    }

    private static Process StartServer(string commands, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commands);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // `dotnet run` builds first: polled, not slept on.
    private static async Task WaitForHealthAsync(int port, Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartLimit)
        {
            server.HasExited.Should().BeFalse("the README's server command must keep running");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
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
            await Task.Delay(500);
        }
        throw new TimeoutException($"The README's server did not answer /health within {StartLimit}.");
    }
}
