using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.KeyLifecycle;

/// <summary>
/// Builds an API host against any issuer URL with short key-set bounds, under <c>Bearer</c> or under a named
/// scheme beside <c>Bearer</c> (whose issuer is the fixture's), and polls it. Every bound the README promises
/// is measured for both: no trusted issuer is second-class.
/// </summary>
internal static class KeyLifecycleHost
{
    /// <summary>A second trusted issuer, configured beside <c>Bearer</c>.</summary>
    public const string NamedScheme = "Partner";

    /// <summary>The schemes every key-lifecycle test runs for.</summary>
    public static TheoryData<string> Schemes => new() { "Bearer", NamedScheme };

    public static ApiHost Create(ApiFixture api, string authority, params (string Key, string Value)[] settings) =>
        Create(api, "Bearer", authority, settings);

    /// <summary>A host whose scheme <paramref name="scheme"/> trusts the issuer at <paramref name="authority"/>, with <paramref name="settings"/> in its section.</summary>
    public static ApiHost Create(ApiFixture api, string scheme, string authority, params (string Key, string Value)[] settings)
    {
        var section = $"Authentication:Schemes:{scheme}:";
        var overrides = new Dictionary<string, string?>
        {
            [section + "Authority"] = authority,
            [section + "ValidAudiences:0"] = TestIssuer.Audience,
        };
        foreach (var (key, value) in settings)
        {
            overrides[section + key] = value;
        }
        return api.CreateFactory(overrides);
    }

    /// <summary>The readiness entry of <paramref name="scheme"/>'s signing keys.</summary>
    public static string HealthCheck(string scheme) => $"signing_keys:{scheme}";

    /// <summary><c>/health/ready</c>'s status and JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(ApiHost factory)
    {
        using var response = await factory.CreateClient().GetAsync("/health/ready");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Sends the request every 50 ms until it answers <paramref name="expected"/>; the time that took.</summary>
    public static async Task<TimeSpan> UntilStatusAsync(HttpClient client, string path, HttpStatusCode expected, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var last = (HttpStatusCode)0;
        while (clock.Elapsed < within)
        {
            using var response = await client.GetAsync(path);
            last = response.StatusCode;
            if (last == expected)
            {
                return clock.Elapsed;
            }
            if ((int)last >= 500 && last != HttpStatusCode.ServiceUnavailable)
            {
                throw new Xunit.Sdk.XunitException($"{path} answered {(int)last}; the only 5xx expected is 503 (keys unavailable).");
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"{path} still answered {(int)last} after {within}, expected {(int)expected}.");
    }
}
