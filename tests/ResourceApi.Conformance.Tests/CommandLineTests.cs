using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Cli;
using ResourceApi.Conformance.Tests.Infrastructure;

namespace ResourceApi.Conformance.Tests;

/// <summary>resource-server-check as a team runs it: the real command line, its exit codes and its report files.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task The_command_against_the_stock_quickstart_prints_the_settings_exits_1_and_writes_both_reports()
    {
        var folder = KitRuns.NewFolder();
        var kitPort = LoopbackPort.Unused();
        // Stock JwtBearer fetches its metadata on the first request, by which time the kit's issuer listens.
        await using var stock = await StockQuickstart.StartAsync($"http://127.0.0.1:{kitPort}", KitRuns.Audience);
        var markdown = Path.Combine(folder, "report.md");
        var json = Path.Combine(folder, "report.json");

        var (exitCode, output) = await RunToolAsync("--api", stock.BaseUrl, "--path", "/api/messages", "--scope", "read:messages",
            "--issuer-port", kitPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--audience", KitRuns.Audience,
            "--report", markdown, "--json", json);

        exitCode.Should().Be(1, output);
        output.Should().Contain($"Authority  http://127.0.0.1:{kitPort}").And.Contain($"audience   {KitRuns.Audience}");
        output.Should().MatchRegex(@"FAIL\s+MUST\s+typ-jwt\s+RFC 9068 §4\s+ACCEPTED \(200\)");
        File.ReadAllText(markdown).Should().Contain("| FAIL | MUST | `typ-jwt` | RFC 9068 §4 |").And.Contain("MUST check(s) fail.");
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        report.RootElement.GetProperty("conforms").GetBoolean().Should().BeFalse();
        report.RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("level").GetString() == "MUST" && c.GetProperty("result").GetString() == "FAIL")
            .Select(c => c.GetProperty("id").GetString()).Should().BeEquivalentTo(StockQuickstartTests.FailingMusts);
        KitRuns.Delete(folder);
    }

    [Theory]
    [InlineData("--path /api/messages", "--api must be the API's http(s) URL")]
    [InlineData("--api ftp://127.0.0.1 --path /x", "--api must be the API's http(s) URL")]
    [InlineData("--api http://127.0.0.1:1 --frobnicate", "Unknown option --frobnicate.")]
    [InlineData("--api http://127.0.0.1:1 --issuer-port 70000", "--issuer-port must be a whole number from 0 to 65535.")]
    [InlineData("--api http://127.0.0.1:1 --write-path /api/messages", "--write-path and --write-scope go together.")]
    [InlineData("--api http://127.0.0.1:1 --only typ-jwt,nope", "--only names no check \"nope\".")]
    [InlineData("--api http://127.0.0.1:1 --scope", "--scope needs a value.")]
    public async Task A_usage_error_exits_2_with_a_message_naming_the_option(string args, string message)
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = await ConformanceCommand.RunAsync(args.Split(' '), output, errors);

        exitCode.Should().Be(2);
        errors.ToString().Should().StartWith(message).And.Contain("Usage: resource-server-check");
    }

    [Fact]
    public async Task An_issuer_port_already_taken_exits_2_naming_the_option()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var errors = new StringWriter();

        var exitCode = await ConformanceCommand.RunAsync(["--api", "http://127.0.0.1:1", "--issuer-port", port], new StringWriter(), errors);

        exitCode.Should().Be(2);
        errors.ToString().Should().Contain($"cannot listen on 127.0.0.1:{port}").And.Contain("--issuer-port");
    }

    [Fact]
    public async Task An_API_that_never_answers_exits_1_saying_so()
    {
        var errors = new StringWriter();
        var api = $"http://127.0.0.1:{LoopbackPort.Unused()}";

        var exitCode = await ConformanceCommand.RunAsync(["--api", api, "--issuer-port", "0", "--wait", "1"], new StringWriter(), errors);

        exitCode.Should().Be(1);
        errors.ToString().Should().Contain($"The API at {api}/ did not answer within 1 s");
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var output = new StringWriter();

        var exitCode = await ConformanceCommand.RunAsync(["--help"], output, new StringWriter());

        exitCode.Should().Be(0);
        output.ToString().Should().Contain("Usage: resource-server-check --api URL").And.Contain("Exit code: 0 when every MUST check passes");
    }

    // The tool's build output, run as `dotnet resource-server-check.dll` would be by `dotnet tool run`.
    private static async Task<(int ExitCode, string Output)> RunToolAsync(params string[] args)
    {
        var dll = typeof(ConformanceRunner).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
