using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Issuer;
using ResourceApi.Conformance.Reports;

namespace ResourceApi.Conformance.Cli;

/// <summary>
/// resource-server-check from start to exit code: start the kit's issuer, print the two settings the API needs,
/// wait for the API, run the checks, print the table, write the reports.
/// </summary>
internal static class ConformanceCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var options = CommandLine.Parse(args, out var error);
        if (options is null)
        {
            if (error is not null)
            {
                await errors.WriteLineAsync(error);
            }
            await (error is null ? output : errors).WriteLineAsync(CommandLine.Usage);
            return error is null ? 0 : 2;
        }

        KitIssuer issuer;
        try
        {
            issuer = await KitIssuer.StartAsync(options.IssuerPort);
        }
        catch (IOException e)
        {
            await errors.WriteLineAsync($"The kit's issuer cannot listen on 127.0.0.1:{options.IssuerPort} ({e.Message}). Pick another --issuer-port.");
            return 2;
        }

        await using (issuer)
        {
            await output.WriteLineAsync($"""
                resource-server-check: the kit's issuer is up. Give the API under test these two settings:
                  Authority  {issuer.BaseUrl}
                  audience   {options.Audience}
                (ASP.NET Core JwtBearer: Authentication__Schemes__Bearer__Authority={issuer.BaseUrl}
                 Authentication__Schemes__Bearer__ValidAudiences__0={options.Audience}; the issuer is plain http on loopback.)
                Waiting for {options.Url(options.Path)} to answer...
                """);
            ConformanceReport report;
            try
            {
                await output.WriteLineAsync(ConsoleTable.Header);
                report = await ConformanceRunner.RunAsync(options, issuer, result => output.WriteLine(ConsoleTable.Line(result)), cancellationToken);
            }
            catch (TimeoutException e)
            {
                await errors.WriteLineAsync(e.Message);
                return 1;
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync(ResultWords.Summary(report));
            if (options.ReportPath is not null)
            {
                await File.WriteAllTextAsync(options.ReportPath, MarkdownReport.Write(report), cancellationToken);
                await output.WriteLineAsync($"Markdown report: {options.ReportPath}");
            }
            if (options.JsonPath is not null)
            {
                await File.WriteAllTextAsync(options.JsonPath, JsonReport.Write(report), cancellationToken);
                await output.WriteLineAsync($"JSON report: {options.JsonPath}");
            }
            return report.Conforms ? 0 : 1;
        }
    }
}
