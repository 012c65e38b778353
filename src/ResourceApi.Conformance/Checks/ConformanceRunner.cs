using System.Diagnostics;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Checks;

/// <summary>Waits for the API under test to answer, then runs every check in order against it.</summary>
internal static class ConformanceRunner
{
    /// <param name="progress">Gets one line per check as it finishes (the command line prints them; tests pass null).</param>
    public static async Task<ConformanceReport> RunAsync(ConformanceOptions options, KitIssuer issuer, Action<CheckResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issuer);
        using var probe = new ApiProbe(options);
        await WaitForApiAsync(probe, options, cancellationToken);
        var context = new CheckContext(options, issuer, probe);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var results = new List<CheckResult>();
        foreach (var check in CheckCatalog.All.Where(c => options.Only.Count == 0 || options.Only.Contains(c.Id)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.CurrentCheck = check.Id;
            Verdict verdict;
            if (results.Any(r => r.Id == BaselineChecks.ValidToken && r.Outcome == Outcome.Fail))
            {
                // Against an API that refuses even a valid token, every "is refused" check would pass and prove nothing.
                verdict = Verdict.Skip($"not run: {BaselineChecks.ValidToken} failed");
            }
            else
            {
                verdict = await RunOneAsync(check, context, cancellationToken);
            }
            var result = new CheckResult(check, verdict);
            results.Add(result);
            progress?.Invoke(result);
        }
        return new ConformanceReport(options.Api.ToString().TrimEnd('/'), issuer.Issuer, options.Audience, started, clock.Elapsed, results);
    }

    private static async Task<Verdict> RunOneAsync(Check check, CheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await check.RunAsync(context);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A check that cannot run is a failure of that check, never the end of the run.
            return Verdict.Fail($"the check could not run: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <exception cref="TimeoutException">Nothing answered within <see cref="ConformanceOptions.WaitForApi"/>.</exception>
    private static async Task WaitForApiAsync(ApiProbe probe, ConformanceOptions options, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.WaitForApi;
        while (true)
        {
            var answer = await probe.SendAsync(HttpMethod.Get, options.Path, null, null, cancellationToken: cancellationToken);
            if (answer.Status != 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The API at {options.Url(options.Path)} did not answer within {options.WaitForApi.TotalSeconds:0} s: {answer.TransportError}");
            }
            await Task.Delay(500, cancellationToken);
        }
    }
}
