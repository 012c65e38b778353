using System.Collections.Concurrent;
using System.Text;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Counts refusals by reason and logs one Warning line per period that had any, instead of a Warning
/// per refused request: a flood of bad tokens costs a counter increment each, not a log write. Each
/// refusal is still logged at Debug with its plain-words reason.
/// </summary>
internal sealed partial class RefusalSummary(ILogger<RefusalSummary> logger, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Count(string reason) => _counts.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    /// <summary>Logs and resets the counts; false when there was nothing to log.</summary>
    public bool Flush()
    {
        var line = new StringBuilder();
        long total = 0;
        foreach (var reason in _counts.Keys.Order(StringComparer.Ordinal))
        {
            if (_counts.TryRemove(reason, out var n) && n > 0)
            {
                total += n;
                line.Append(line.Length == 0 ? "" : ", ").Append(reason).Append(' ').Append(n);
            }
        }
        if (total == 0)
        {
            return false;
        }
        LogSummary(logger, total, Period, line.ToString());
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Flush();
    }

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "{Total} bearer requests refused in the last {Period:c}, by reason: {Reasons}. Each is logged at Debug; resourceapi.token.validations counts them.")]
    private static partial void LogSummary(ILogger logger, long total, TimeSpan period, string reasons);
}
