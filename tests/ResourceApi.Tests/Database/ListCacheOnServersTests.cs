using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResourceApi.Tests.Messages;
using Xunit.Abstractions;

namespace ResourceApi.Tests.Database;

/// <summary>
/// The messages list's cached pages on the real servers: two apps on one PostgreSQL database, with the pages and
/// their generation on Redis (a write is in the other app's next page, however the page and the write interleave)
/// and without Redis (each app keeps its own pages: the staleness bound). Redis down costs the cache, not the list.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ListCacheOnServersTests(ServersFixture servers, ITestOutputHelper output)
{
    private const string ReadWrite = "read:messages write:messages";

    [Fact]
    public async Task On_Redis_a_page_read_before_a_write_but_stored_after_it_is_listed_by_neither_app_after_the_write()
    {
        var (settings, _) = await servers.SettingsAsync();
        HeldOutputCacheStore? store = null;
        await using var writerApp = new ApiHost(settings);
        await using var readerApp = new ApiHost(settings, services: services => HeldOutputCacheStore.Decorate(services, created => store = created));
        using var writer = Client(writerApp, ReadWrite);
        using var reader = Client(readerApp, ReadWrite);
        (await writer.PostAsJsonAsync("/api/messages", new { text = "before" })).EnsureSuccessStatusCode();

        using var early = await store!.ReadStoredAfterAsync(reader, async () =>
        {
            using var created = await writer.PostAsJsonAsync("/api/messages", new { text = "after" });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        });
        var fromWriter = await writer.GetFromJsonAsync<JsonElement>("/api/messages");
        using var fromReader = await reader.GetAsync("/api/messages");
        using var cachedAtWriter = await writer.GetAsync("/api/messages");

        PageTexts.Of(await early.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal(["before"], "that read ran its query before the write");
        PageTexts.Of(fromWriter).Should().Equal("after", "before");
        PageTexts.Of(await fromReader.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal("after", "before");
        cachedAtWriter.Headers.Age.Should().NotBeNull("the writer caches the page after the write in its turn");
    }

    [Fact]
    public async Task Without_Redis_a_second_app_on_the_same_PostgreSQL_database_lists_a_write_within_the_cache_duration()
    {
        var (settings, _) = await servers.SettingsAsync(redis: false);
        settings["Messages:ListCache:Duration"] = ListStaleness.Duration;
        await using var first = new ApiHost(settings);
        await using var second = new ApiHost(settings);
        using var writer = Client(first, ReadWrite);
        using var reader = Client(second, "read:messages");
        var duration = TimeSpan.Parse(ListStaleness.Duration, CultureInfo.InvariantCulture);

        var (elapsed, firstWasStale) = await ListStaleness.MeasureAsync(writer, reader, duration + ListStaleness.Slack);

        output.WriteLine($"PostgreSQL, two apps, no Redis: the other app listed the write after {elapsed.TotalMilliseconds:F0} ms (cache duration {duration.TotalSeconds} s; its first page after the write was {(firstWasStale ? "older" : "current")}).");
        elapsed.Should().BeLessThanOrEqualTo(duration + ListStaleness.Slack);
    }

    [Fact]
    public async Task Redis_stopped_the_list_is_read_from_the_database_uncached_and_posts_are_created_and_the_cache_returns_with_Redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var (settings, _) = await servers.SettingsAsync(redis: false);
        settings["ConnectionStrings:Redis"] = redis.ConnectionString + ",connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000";
        await using var api = new ApiHost(settings);
        using var client = Client(api, ReadWrite);
        (await client.PostAsJsonAsync("/api/messages", new { text = "before the outage" })).EnsureSuccessStatusCode();

        await redis.StopAsync();
        using var created = await client.PostAsJsonAsync("/api/messages", new { text = "during the outage" });
        using var first = await client.GetAsync("/api/messages");
        using var second = await client.GetAsync("/api/messages");
        await redis.StartAgainAsync();
        var cachedAgain = await Poll.UntilAsync(async () =>
        {
            (await client.GetAsync("/api/messages")).EnsureSuccessStatusCode();
            using var repeated = await client.GetAsync("/api/messages");
            return repeated.Headers.Age is not null;
        }, TimeSpan.FromSeconds(30));

        created.StatusCode.Should().Be(HttpStatusCode.Created, "the write is committed to the database; only the cache's generation could not move");
        foreach (var page in new[] { first, second })
        {
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            page.Headers.Age.Should().BeNull("no page is cached while the generation cannot be read");
            PageTexts.Of(await page.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal("during the outage", "before the outage");
        }
        var warnings = api.Logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        warnings.Should().Contain(m => m.Contains("could not be moved on", StringComparison.Ordinal), "the write says its pages may be stale");
        warnings.Should().ContainSingle(m => m.Contains("cache generation could not be read", StringComparison.Ordinal), "once a minute at most, not once per read");
        cachedAgain.Should().BeTrue("pages are cached again once Redis is back");
    }

    private HttpClient Client(ApiHost api, string scope)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", servers.Issuer.Token(scope));
        return client;
    }
}
