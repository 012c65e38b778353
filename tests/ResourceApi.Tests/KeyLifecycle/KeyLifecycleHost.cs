using System.Diagnostics;
using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.KeyLifecycle;

/// <summary>Builds an API host against any issuer URL with short key-set bounds, and polls it.</summary>
internal static class KeyLifecycleHost
{
    public const string Section = "Authentication:Schemes:Bearer:";

    public static ApiFactory Create(ApiFixture api, string authority, params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?> { [Section + "Authority"] = authority };
        foreach (var (key, value) in settings)
        {
            overrides[Section + key] = value;
        }
        return api.CreateFactory(overrides);
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
