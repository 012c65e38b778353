using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Keeps every trusted scheme's keys fresh in the background, each on its own schedule: a fetch when the
/// app has started (so an issuer whose URL is known only then is reachable too), then one every
/// <c>AutomaticRefreshInterval</c>. After a failure it retries after 1 s, 2 s, 4 s... up to 60 s (never
/// longer than the refresh interval), so an issuer that is down sees a few fetches a minute, whatever the
/// API's traffic, and a scheme whose first fetch failed recovers once its issuer answers.
/// </summary>
internal sealed class KeySetRefresher(TrustedSchemes schemes, IOptionsMonitor<JwtBearerOptions> bearerOptions, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sources = schemes.Names.Select(name => bearerOptions.Get(name).ConfigurationManager).OfType<SigningKeySource>().ToArray();
        await WhenStartedAsync(stoppingToken);
        await Task.WhenAll(sources.Select(source => KeepFreshAsync(source, stoppingToken)));
    }

    private async Task KeepFreshAsync(SigningKeySource source, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = source.UntilRefreshDue();
            if (due > TimeSpan.Zero)
            {
                // Fetched meanwhile (an unknown kid, or a request that came first): wait for its schedule.
                failures = 0;
                await DelayAsync(due, stoppingToken);
                continue;
            }

            failures = await source.RefreshAsync("scheduled") ? 0 : failures + 1;
            await DelayAsync(failures == 0 ? source.UntilRefreshDue() : RetryDelay(failures, source.Bounds.AutomaticRefreshInterval), stoppingToken);
        }
    }

    /// <summary>1 s, 2 s, 4 s... capped at 60 s and at the refresh interval, with up to 20% jitter so replicas spread out.</summary>
    public static TimeSpan RetryDelay(int failures, TimeSpan refreshInterval)
    {
        var exponential = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = new[] { exponential, MaxRetryDelay, refreshInterval }.Min();
#pragma warning disable CA5394 // Jitter, not security.
        return capped * (0.8 + (0.2 * Random.Shared.NextDouble()));
#pragma warning restore CA5394
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : delay, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetResult());
        return started.Task;
    }
}
