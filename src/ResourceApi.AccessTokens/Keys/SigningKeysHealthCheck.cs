using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// One scheme's readiness: its tokens can be checked when its keys are loaded and younger than
/// <c>MaxKeySetAge</c>. Degraded (still ready) while its issuer cannot be reached but the last keys are
/// still usable. Reads memory only. Registered once per trusted scheme, named <c>signing_keys:{scheme}</c>.
/// </summary>
internal sealed class SigningKeysHealthCheck(string scheme, IOptionsMonitor<JwtBearerOptions> bearerOptions) : IHealthCheck
{
    public const string NamePrefix = "signing_keys:";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (bearerOptions.Get(scheme).ConfigurationManager is not SigningKeySource source)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Authentication:Schemes:{scheme} has no signing key source."));
        }

        var status = source.Status;
        var data = new Dictionary<string, object>
        {
            ["scheme"] = scheme,
            ["keys"] = status.KeyCount,
            ["maxAgeSeconds"] = (long)status.MaxAge.TotalSeconds,
            ["failedFetchesInARow"] = status.ConsecutiveFailures,
        };
        if (status.Age is { } age)
        {
            data["ageSeconds"] = Math.Round(age.TotalSeconds, 1);
        }

        var result = status switch
        {
            { Usable: false, Age: null } => HealthCheckResult.Unhealthy("No signing keys have been fetched from the issuer yet.", data: data),
            { Usable: false } => HealthCheckResult.Unhealthy(
                string.Create(CultureInfo.InvariantCulture, $"The signing keys are older than MaxKeySetAge ({status.MaxAge:c}) and the issuer cannot be reached."), data: data),
            { ConsecutiveFailures: > 0 } => HealthCheckResult.Degraded("The issuer cannot be reached; tokens are checked with the last keys fetched.", data: data),
            _ => HealthCheckResult.Healthy("Signing keys are loaded and fresh.", data),
        };
        return Task.FromResult(result);
    }
}
