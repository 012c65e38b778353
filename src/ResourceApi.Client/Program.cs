using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResourceApi.Client.Commands;
using ResourceApi.Client.Configuration;

// send "text" | list | whoami | run, then --Section:Key=value settings.
if (CommandLine.Parse(args) is not { } command)
{
    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return 2;
}

// Settings from the app's folder (appsettings.json, appsettings.Development.json), user secrets in
// Development, the environment and the command line: never from code.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = command.SettingArgs,
    ContentRootPath = AppContext.BaseDirectory,
});

// Logs go to stderr, so stdout carries only what the command prints.
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

// The API's typed client: token discovery, request and cache, the bearer handler, retries with backoff.
builder.Services.AddResourceApiClient(builder.Configuration);

// `run`: the long-running worker.
if (command.Name == "run")
{
    builder.Services.AddOptions<WorkerSettings>().Bind(builder.Configuration.GetSection(WorkerSettings.SectionName));
    builder.Services.AddHostedService<MessageWorker>();
}

using var host = builder.Build();
return await ClientCommands.RunAsync(host, command);
