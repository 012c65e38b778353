using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ResourceApi.Tests.Messages;

/// <summary>
/// How long a replica that does not share the cache (no Redis) lists a page from before a write made through
/// another replica: the bound the README promises is <c>Messages:ListCache:Duration</c>.
/// </summary>
internal static class ListStaleness
{
    /// <summary>The cache duration these measurements run with, short to keep the suite quick.</summary>
    public const string Duration = "00:00:02";

    /// <summary>Scheduling slack on a loaded 2-core machine, on top of the duration.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Caches the page at <paramref name="reader"/>, posts through <paramref name="writer"/>, then asks
    /// <paramref name="reader"/> every 50 ms until its page lists the post. Returns how long that took and
    /// whether the reader's first page after the write was an older one (the bound is not zero).
    /// </summary>
    public static async Task<(TimeSpan Elapsed, bool FirstWasStale)> MeasureAsync(HttpClient writer, HttpClient reader, TimeSpan within)
    {
        (await reader.GetAsync("/api/messages")).EnsureSuccessStatusCode();
        using (var cached = await reader.GetAsync("/api/messages"))
        {
            cached.Headers.Age.Should().NotBeNull("the reader's page is cached before the write");
        }

        using var created = await writer.PostAsJsonAsync("/api/messages", new { text = "written elsewhere" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var clock = Stopwatch.StartNew();
        bool? firstListed = null;
        var listed = await Poll.UntilAsync(async () =>
        {
            var page = await reader.GetFromJsonAsync<JsonElement>("/api/messages");
            var found = page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("id").GetGuid() == id);
            firstListed ??= found;
            return found;
        }, within, TimeSpan.FromMilliseconds(50));
        listed.Should().BeTrue($"the reader lists the write within {within.TotalSeconds} s");
        return (clock.Elapsed, firstListed == false);
    }
}
