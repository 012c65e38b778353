using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ResourceApi.Tests.Messages;

/// <summary>
/// Pages of the list come from the output cache: a response served from it carries an <c>Age</c> header, which is
/// how these tests tell a cached page from a fresh one. Each test runs on its own app and database (two apps share one
/// in the staleness test).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MessageListCacheTests(ApiFixture api, ITestOutputHelper output)
{
    private const string ReadWrite = "read:messages write:messages delete:messages";

    [Fact]
    public async Task A_repeated_page_is_served_from_the_cache_one_per_page_and_page_size()
    {
        await using var factory = api.CreateFactory();
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token(ReadWrite));
        for (var i = 1; i <= 3; i++)
        {
            (await client.PostAsJsonAsync("/api/messages", new { text = $"message {i}" })).EnsureSuccessStatusCode();
        }

        using var first = await client.GetAsync("/api/messages?page=1&pageSize=2");
        using var again = await client.GetAsync("/api/messages?page=1&pageSize=2");
        using var second = await client.GetAsync("/api/messages?page=2&pageSize=2");
        using var wider = await client.GetAsync("/api/messages?page=1&pageSize=3");

        first.Headers.Age.Should().BeNull("the first request for a page runs the query");
        again.Headers.Age.Should().NotBeNull("the same page again comes from the cache");
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        again.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        second.Headers.Age.Should().BeNull("another page is another entry");
        PageTexts.Of(await second.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal("message 1");
        wider.Headers.Age.Should().BeNull("another page size is another entry");
        PageTexts.Of(await wider.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal("message 3", "message 2", "message 1");
    }

    [Fact]
    public async Task A_token_without_read_messages_still_gets_403_and_no_token_401_while_the_page_is_cached()
    {
        await using var factory = api.CreateFactory();
        using var reader = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));
        using var writer = ApiFixture.ClientFor(factory, api.Issuer.Token("write:messages"));
        using var anonymous = ApiFixture.ClientFor(factory, null);
        (await reader.GetAsync("/api/messages")).EnsureSuccessStatusCode();
        using var cached = await reader.GetAsync("/api/messages");
        cached.Headers.Age.Should().NotBeNull("the page is cached before the refused calls");

        using var forbidden = await writer.GetAsync("/api/messages");
        using var unauthorized = await anonymous.GetAsync("/api/messages");

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Headers.Age.Should().BeNull();
        var challenge = forbidden.Headers.WwwAuthenticate.Should().ContainSingle().Subject;
        challenge.Scheme.Should().Be("Bearer");
        challenge.Parameter.Should().Contain("error=\"insufficient_scope\"").And.Contain("scope=\"read:messages\"");
        forbidden.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await forbidden.Content.ReadAsStringAsync()).Should().NotContain("\"items\"");
        unauthorized.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unauthorized.Headers.Age.Should().BeNull();
        unauthorized.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer");
        (await unauthorized.Content.ReadAsStringAsync()).Should().NotContain("\"items\"");
    }

    [Fact]
    public async Task A_post_or_a_delete_is_in_the_next_listing_at_once_while_the_page_is_cached()
    {
        await using var factory = api.CreateFactory();
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token(ReadWrite));
        (await client.PostAsJsonAsync("/api/messages", new { text = "before" })).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/messages")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/messages")).Headers.Age.Should().NotBeNull("the page is cached before the write");

        using var created = await client.PostAsJsonAsync("/api/messages", new { text = "after" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        using var afterPost = await client.GetAsync("/api/messages");
        var listedAfterPost = await afterPost.Content.ReadFromJsonAsync<JsonElement>();
        using var cachedAgain = await client.GetAsync("/api/messages");
        using var deleted = await client.DeleteAsync(created.Headers.Location);
        using var afterDelete = await client.GetAsync("/api/messages");
        var listedAfterDelete = await afterDelete.Content.ReadFromJsonAsync<JsonElement>();

        afterPost.Headers.Age.Should().BeNull("the write moved the list on: the page cached before it is no longer asked for");
        PageTexts.Of(listedAfterPost).Should().Equal("after", "before");
        listedAfterPost.GetProperty("totalCount").GetInt32().Should().Be(2);
        cachedAgain.Headers.Age.Should().NotBeNull("the new page is cached in its turn");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        afterDelete.Headers.Age.Should().BeNull("the delete moved the list on too");
        PageTexts.Of(listedAfterDelete).Should().Equal("before");
        listedAfterDelete.GetProperty("totalCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_page_read_before_a_write_but_stored_after_it_is_never_listed_after_the_write()
    {
        HeldOutputCacheStore? store = null;
        await using var factory = api.CreateFactory(services: services => HeldOutputCacheStore.Decorate(services, created => store = created));
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token(ReadWrite));
        (await client.PostAsJsonAsync("/api/messages", new { text = "before" })).EnsureSuccessStatusCode();

        HttpStatusCode? created = null;
        using var early = await store!.ReadStoredAfterAsync(client, async () =>
        {
            using var response = await client.PostAsJsonAsync("/api/messages", new { text = "after" });
            created = response.StatusCode;
        });
        using var next = await client.GetAsync("/api/messages");
        using var again = await client.GetAsync("/api/messages");

        created.Should().Be(HttpStatusCode.Created);
        PageTexts.Of(await early.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal(["before"], "that read ran its query before the write");
        store.Stored.Should().BeGreaterThanOrEqualTo(1, "the early page was stored, after the write");
        next.Headers.Age.Should().BeNull("the early page is keyed by the generation before the write, which no later read asks for");
        PageTexts.Of(await next.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal("after", "before");
        again.Headers.Age.Should().NotBeNull("the page after the write is cached in its turn");
        PageTexts.Of(await again.Content.ReadFromJsonAsync<JsonElement>()).Should().Equal("after", "before");
    }

    [Fact]
    public async Task Without_Redis_a_second_app_on_the_same_SQLite_file_lists_a_write_within_the_cache_duration()
    {
        var database = api.NewDatabasePath();
        var settings = new Dictionary<string, string?> { ["Messages:ListCache:Duration"] = ListStaleness.Duration };
        await using var first = api.CreateFactory(settings, databasePath: database);
        await using var second = api.CreateFactory(settings, databasePath: database);
        using var writer = ApiFixture.ClientFor(first, api.Issuer.Token(ReadWrite));
        using var reader = ApiFixture.ClientFor(second, api.Issuer.Token("read:messages"));
        var duration = TimeSpan.Parse(ListStaleness.Duration, CultureInfo.InvariantCulture);

        var (elapsed, firstWasStale) = await ListStaleness.MeasureAsync(writer, reader, duration + ListStaleness.Slack);

        output.WriteLine($"SQLite, two apps, no Redis: the other app listed the write after {elapsed.TotalMilliseconds:F0} ms (cache duration {duration.TotalSeconds} s; its first page after the write was {(firstWasStale ? "older" : "current")}).");
        elapsed.Should().BeLessThanOrEqualTo(duration + ListStaleness.Slack);
    }

    [Fact]
    public async Task A_bad_page_is_a_400_every_time_and_never_cached()
    {
        await using var factory = api.CreateFactory();
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));

        using var first = await client.GetAsync("/api/messages?page=0");
        using var again = await client.GetAsync("/api/messages?page=0");

        foreach (var response in new[] { first, again })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            response.Headers.Age.Should().BeNull();
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("page").GetArrayLength().Should().Be(1);
        }
    }

    [Fact]
    public async Task A_zero_duration_turns_the_cache_off()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Messages:ListCache:Duration"] = "00:00:00" });
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));

        using var first = await client.GetAsync("/api/messages");
        using var again = await client.GetAsync("/api/messages");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        again.Headers.Age.Should().BeNull();
    }

    [Fact]
    public async Task A_duration_that_is_not_a_time_span_stops_the_app_at_start_naming_the_key()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Messages:ListCache:Duration"] = "five seconds" });

        var start = () => factory.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*Messages:ListCache:Duration*00:00:05*");
    }
}
