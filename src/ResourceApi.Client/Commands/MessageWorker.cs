using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResourceApi.Client.Api;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Commands;

/// <summary>
/// <c>run</c>: calls the API on an interval, as a real worker does, until Ctrl+C. Every tick reuses
/// the cached token, so a day of ticks costs one token request per token lifetime. A failed tick is
/// logged and the next one tries again; a missing scope stops the worker, since no tick can succeed.
/// </summary>
internal sealed partial class MessageWorker(
    ResourceApiClient api, IOptions<WorkerSettings> settings, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<MessageWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.Interval, clock);
        var tick = 0;
        do
        {
            tick++;
            try
            {
                if (settings.Value.Action == "list")
                {
                    var page = await api.ListAsync(cancellationToken: stoppingToken);
                    LogListed(logger, tick, page.Items.Count, page.TotalCount);
                }
                else
                {
                    var message = await api.SendAsync($"tick {tick} at {clock.GetUtcNow():u}", stoppingToken);
                    LogSent(logger, tick, message.Id);
                }
            }
            catch (InsufficientScopeException e)
            {
                LogCannotSucceed(logger, e.Message);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
            catch (Exception e) when (e is ApiCallException or TokenRequestException or HttpRequestException or Polly.ExecutionRejectedException)
            {
                LogTickFailed(logger, tick, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Tick {Tick}: posted message {Id}.")]
    private static partial void LogSent(ILogger logger, int tick, Guid id);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Tick {Tick}: read {Count} of {Total} messages.")]
    private static partial void LogListed(ILogger logger, int tick, int count, int total);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Tick {Tick} failed, trying again next tick: {Reason}")]
    private static partial void LogTickFailed(ILogger logger, int tick, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Stopping: {Reason}")]
    private static partial void LogCannotSucceed(ILogger logger, string reason);
}
