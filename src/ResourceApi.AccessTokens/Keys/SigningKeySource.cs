using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ResourceApi.AccessTokens;

/// <summary>
/// One trusted scheme's issuer metadata and signing keys, with stated bounds instead of IdentityModel's
/// (12-hour refresh, last-known-good for another hour, one refresh per request while the issuer is down).
/// <list type="bullet">
/// <item>Requests never fetch: they read the keys in memory. <see cref="KeySetRefresher"/> fetches in the
/// background every <c>AutomaticRefreshInterval</c>, so a key the issuer withdraws is refused within it;
/// a failed fetch is retried with exponential backoff.</item>
/// <item>A token naming a key not in the set causes one inline fetch, then is validated against the
/// new set; such fetches happen at most once per <c>RefreshInterval</c> however many tokens ask.</item>
/// <item>A new set replaces the old one whole: no union, no last-known-good fallback. While the issuer
/// cannot be reached the last set keeps validating until it is <c>MaxKeySetAge</c> old; then every
/// token is answered 503.</item>
/// </list>
/// </summary>
internal sealed partial class SigningKeySource : IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly Func<string> _address;
    private readonly IssuerDocumentClient _client;
    private readonly AccessTokenOptions _bounds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AuthenticationMetrics _metrics;
    private readonly string _scheme;
    private readonly TimeSpan _waitLimit;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Snapshot? _current;
    private Task<bool>? _inFlight;
    private long? _lastUnknownKeyFetch;
    private int _consecutiveFailures;
    private string? _lastFailure;
    private DateTimeOffset? _outageStarted;

    public SigningKeySource(string scheme, Func<string> address, IssuerDocumentClient client, AccessTokenOptions bounds,
        TimeProvider time, ILogger logger, AuthenticationMetrics metrics)
    {
        _scheme = scheme;
        _address = address;
        _client = client;
        _bounds = bounds;
        _waitLimit = bounds.BackchannelTimeout + TimeSpan.FromMilliseconds(250);
        _time = time;
        _logger = logger;
        _metrics = metrics;
        metrics.ObserveKeySetAge(scheme, () => _current is { } s ? (_time.GetUtcNow() - s.FetchedAt).TotalSeconds : null);
    }

    public string Scheme => _scheme;

    public AccessTokenOptions Bounds => _bounds;

    /// <summary>The keys in memory, if they may still be used. Waits only for the very first fetch (at most its timeout).</summary>
    /// <exception cref="SigningKeysUnavailableException">No keys, or keys older than <c>MaxKeySetAge</c>.</exception>
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (Usable() is { } configuration)
        {
            return configuration;
        }

        if (!_firstAttempt.Task.IsCompleted)
        {
            // Normally started by the refresher at start-up; started here if a request comes first.
            _ = RefreshAsync("startup");
            try
            {
                await _firstAttempt.Task.WaitAsync(_waitLimit, _time, cancel);
            }
            catch (TimeoutException)
            {
            }
        }

        return Usable() ?? throw new SigningKeysUnavailableException(Describe());
    }

    /// <summary>Unknown <c>kid</c> is handled inline (<see cref="RefreshForUnknownKeyAsync"/>), the schedule in the background.</summary>
    public void RequestRefresh()
    {
    }

    /// <summary>
    /// A token names a key not in the set: fetch once, unless a fetch for this reason started less than
    /// <c>RefreshInterval</c> ago (then join it if it is still running), and return the set to validate against.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(CancellationToken cancel)
    {
        Task<bool>? fetch;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_lastUnknownKeyFetch is { } last && _time.GetElapsedTime(last, now) < _bounds.RefreshInterval)
            {
                fetch = _inFlight is { IsCompleted: false } running ? running : null;
            }
            else
            {
                _lastUnknownKeyFetch = now;
                fetch = StartFetch("unknown_kid");
            }
        }

        if (fetch is not null)
        {
            try
            {
                await fetch.WaitAsync(_waitLimit, _time, cancel);
            }
            catch (TimeoutException)
            {
            }
        }
        return Usable();
    }

    /// <summary>Fetches now, or joins the fetch already running. True when the keys were replaced.</summary>
    public Task<bool> RefreshAsync(string trigger)
    {
        lock (_gate)
        {
            return StartFetch(trigger);
        }
    }

    /// <summary>How long until the keys are due for their scheduled refresh (zero when they are due or absent).</summary>
    public TimeSpan UntilRefreshDue()
    {
        if (_current is not { } snapshot)
        {
            return TimeSpan.Zero;
        }
        var due = snapshot.FetchedAt + _bounds.AutomaticRefreshInterval - _time.GetUtcNow();
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    public KeySetStatus Status
    {
        get
        {
            var snapshot = _current;
            var age = snapshot is null ? (TimeSpan?)null : _time.GetUtcNow() - snapshot.FetchedAt;
            return new KeySetStatus(Usable() is not null, age, _bounds.MaxKeySetAge, snapshot?.Configuration.SigningKeys.Count ?? 0,
                Volatile.Read(ref _consecutiveFailures), _lastFailure);
        }
    }

    // Caller holds _gate.
    private Task<bool> StartFetch(string trigger)
    {
        if (_inFlight is { IsCompleted: false } running)
        {
            return running;
        }
        _inFlight = FetchAsync(trigger);
        return _inFlight;
    }

    private async Task<bool> FetchAsync(string trigger)
    {
        // Off the caller's stack and lock: the fetch runs on its own, whoever waits for it.
        await Task.Yield();
        try
        {
            var configuration = await _client.FetchAsync(Address(), CancellationToken.None);
            _current = new Snapshot(configuration, _time.GetUtcNow());
            _metrics.KeySetFetched(_scheme, success: true, trigger);
            Volatile.Write(ref _consecutiveFailures, 0);
            _lastFailure = null;
            if (_outageStarted is { } started)
            {
                _outageStarted = null;
                var duration = _time.GetUtcNow() - started;
                LogOutageEnded(_logger, _scheme, duration, configuration.SigningKeys.Count);
            }
            else
            {
                LogFetched(_logger, _scheme, configuration.SigningKeys.Count, trigger);
            }
            return true;
        }
        catch (IssuerFetchException e)
        {
            _metrics.KeySetFetched(_scheme, success: false, trigger);
            Interlocked.Increment(ref _consecutiveFailures);
            _lastFailure = e.Message;
            if (_outageStarted is null)
            {
                _outageStarted = _time.GetUtcNow();
                if (_current is { } snapshot)
                {
                    var age = _time.GetUtcNow() - snapshot.FetchedAt;
                    LogOutageStartedWithKeys(_logger, _scheme, e.Message, age, _bounds.MaxKeySetAge);
                }
                else
                {
                    LogOutageStartedWithoutKeys(_logger, _scheme, e.Message);
                }
            }
            else
            {
                LogStillFailing(_logger, _scheme, e.Message, _consecutiveFailures);
            }
            return false;
        }
        finally
        {
            _firstAttempt.TrySetResult();
        }
    }

    // The address is asked at each fetch: an issuer's URL may be known only once the app runs
    // (AccessTokenOptions.AuthorityProvider), and until then the fetch fails like any other.
    private string Address()
    {
        try
        {
            return _address();
        }
#pragma warning disable CA1031 // Whatever the provider throws means the same: no address yet.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new IssuerFetchException($"The issuer's address is not known yet ({e.Message}).");
        }
    }

    private OpenIdConnectConfiguration? Usable() =>
        _current is { } snapshot && _time.GetUtcNow() - snapshot.FetchedAt <= _bounds.MaxKeySetAge ? snapshot.Configuration : null;

    private string Describe() => _current is null
        ? $"No signing keys could be fetched from the issuer yet ({_lastFailure ?? "the first fetch has not finished"})."
        : $"The signing keys are older than MaxKeySetAge ({_bounds.MaxKeySetAge:c}) and the issuer could not be reached ({_lastFailure}).";

    private sealed record Snapshot(OpenIdConnectConfiguration Configuration, DateTimeOffset FetchedAt);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Debug, Message = "Signing keys of Authentication:Schemes:{Scheme} fetched: {KeyCount} keys ({Trigger}).")]
    private static partial void LogFetched(ILogger logger, string scheme, int keyCount, string trigger);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "Issuer outage: {Detail} Tokens of Authentication:Schemes:{Scheme} keep validating on the keys fetched {Age:c} ago until they are {MaxAge:c} old (Authentication:Schemes:{Scheme}:MaxKeySetAge); retrying with backoff.")]
    private static partial void LogOutageStartedWithKeys(ILogger logger, string scheme, string detail, TimeSpan age, TimeSpan maxAge);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Error, Message = "Issuer outage: {Detail} No signing keys of Authentication:Schemes:{Scheme} are loaded, so its tokens answer 503 until a fetch succeeds; retrying with backoff. Check Authentication:Schemes:{Scheme}:Authority and that the issuer is reachable.")]
    private static partial void LogOutageStartedWithoutKeys(ILogger logger, string scheme, string detail);

    [LoggerMessage(EventId = 5043, Level = LogLevel.Debug, Message = "Issuer of Authentication:Schemes:{Scheme} still unreachable ({Failures} failed fetches in a row): {Detail}")]
    private static partial void LogStillFailing(ILogger logger, string scheme, string detail, int failures);

    [LoggerMessage(EventId = 5044, Level = LogLevel.Information, Message = "Issuer outage of Authentication:Schemes:{Scheme} over after {Duration:c}: {KeyCount} signing keys fetched.")]
    private static partial void LogOutageEnded(ILogger logger, string scheme, TimeSpan duration, int keyCount);
}
