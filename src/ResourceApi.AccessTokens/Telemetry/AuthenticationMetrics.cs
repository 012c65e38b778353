using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ResourceApi.AccessTokens;

/// <summary>
/// What an operator needs per request, as metrics instead of log lines (meter <c>ResourceApi.Authentication</c>,
/// next to ASP.NET Core's own <c>Microsoft.AspNetCore.Authentication</c> and <c>.Authorization</c> meters).
/// Tag values come from fixed vocabularies or from configuration, never from what a caller sent.
/// </summary>
public sealed class AuthenticationMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> in an OpenTelemetry or <c>dotnet-counters</c> setup.</summary>
    public const string MeterName = "ResourceApi.Authentication";

    private readonly Counter<long> _validations;
    private readonly Counter<long> _keySetFetches;
    private readonly ConcurrentDictionary<string, Func<double?>> _keySetAges = new(StringComparer.Ordinal);

    /// <summary>Created by the container (a public constructor, so it can): the meter from <paramref name="meterFactory"/>.</summary>
    public AuthenticationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _validations = meter.CreateCounter<long>("resourceapi.token.validations", "{token}",
            "Bearer tokens checked, by scheme (the trusted issuer's, or untrusted), outcome (accepted, refused, unavailable) and reason.");
        _keySetFetches = meter.CreateCounter<long>("resourceapi.keyset.fetches", "{fetch}",
            "Fetches of the issuer's discovery document and JWKS, by outcome (success, failure) and trigger.");
        meter.CreateObservableGauge("resourceapi.keyset.age", ObserveKeySetAges, "s",
            "Seconds since the signing keys in use were fetched; absent while no keys are loaded.");
    }

    internal void TokenValidated(string scheme, string outcome, string reason) =>
        _validations.Add(1, new KeyValuePair<string, object?>("scheme", scheme),
            new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));

    internal void KeySetFetched(string scheme, bool success, string trigger) =>
        _keySetFetches.Add(1, new KeyValuePair<string, object?>("scheme", scheme),
            new KeyValuePair<string, object?>("outcome", success ? "success" : "failure"), new KeyValuePair<string, object?>("trigger", trigger));

    /// <summary>Reports <paramref name="age"/> (seconds, null while no keys are loaded) as the scheme's key set age.</summary>
    public void ObserveKeySetAge(string scheme, Func<double?> age) => _keySetAges[scheme] = age;

    private IEnumerable<Measurement<double>> ObserveKeySetAges()
    {
        foreach (var (scheme, age) in _keySetAges)
        {
            if (age() is { } seconds)
            {
                yield return new Measurement<double>(seconds, new KeyValuePair<string, object?>("scheme", scheme));
            }
        }
    }
}
