using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;
using ResourceApi.Client.Api;
using ResourceApi.Client.Settings;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Commands;

/// <summary>Runs one command against a built host: results on stdout, a plain sentence on stderr when it fails.</summary>
internal static class ClientCommands
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IHost host, CommandLine command)
    {
        try
        {
            // Settings first, so a bad one is one plain message rather than a failed host start.
            _ = host.Services.GetRequiredService<IOptions<ResourceApiClientSettings>>().Value;

            if (command.Name == "run")
            {
                await host.RunAsync();
                return Environment.ExitCode;
            }

            await host.StartAsync();
            var api = host.Services.GetRequiredService<ResourceApiClient>();
            switch (command.Name)
            {
                case "send":
                    var sent = await api.SendAsync(command.Text!);
                    Console.WriteLine($"Posted {sent.Id} as {sent.CreatedBy}: {sent.Text}");
                    break;
                case "list":
                    var page = await api.ListAsync();
                    foreach (var message in page.Items)
                    {
                        Console.WriteLine($"{message.CreatedAt:u}  {message.CreatedBy,-18}  {message.Text}");
                    }
                    Console.WriteLine($"({page.Items.Count} of {page.TotalCount})");
                    break;
                case "whoami":
                    Console.WriteLine(JsonSerializer.Serialize(await api.WhoAmIAsync(), Indented));
                    break;
            }
            await host.StopAsync();
            return 0;
        }
        catch (Exception e) when (e is OptionsValidationException or TokenRequestException or ApiCallException or HttpRequestException or ExecutionRejectedException)
        {
            await Console.Error.WriteLineAsync(e is OptionsValidationException invalid
                ? "The settings cannot work:" + Environment.NewLine + string.Join(Environment.NewLine, invalid.Failures.Select(f => "  " + f))
                : e.Message);
            return 1;
        }
    }
}
