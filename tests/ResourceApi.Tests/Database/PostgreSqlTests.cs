using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Messages;

namespace ResourceApi.Tests.Database;

/// <summary>The message store on a real PostgreSQL server: migrations, the endpoints, two apps migrating at once.</summary>
[Collection(ServersCollection.Name)]
public sealed class PostgreSqlTests(ServersFixture servers)
{
    private const string AllScopes = "read:messages write:messages delete:messages";

    [Fact]
    public async Task Messages_are_posted_paged_newest_first_read_and_deleted_on_PostgreSQL()
    {
        var (settings, _) = await servers.SettingsAsync(redis: false);
        await using var api = new ApiHost(settings);
        using var client = Client(api, AllScopes);

        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            using var created = await client.PostAsJsonAsync("/api/messages", new { text = $"message {i}" });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var first = await client.GetFromJsonAsync<JsonElement>("/api/messages?page=1&pageSize=2");
        var third = await client.GetFromJsonAsync<JsonElement>("/api/messages?page=3&pageSize=2");
        var pastTheEnd = await client.GetFromJsonAsync<JsonElement>("/api/messages?page=4&pageSize=2");
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{ids[0]}");
        using var deleted = await client.DeleteAsync($"/api/messages/{ids[0]}");
        using var gone = await client.GetAsync($"/api/messages/{ids[0]}");

        PageTexts.Of(first).Should().Equal("message 5", "message 4");
        first.GetProperty("totalCount").GetInt32().Should().Be(5);
        PageTexts.Of(third).Should().Equal("message 1");
        pastTheEnd.GetProperty("items").GetArrayLength().Should().Be(0);
        pastTheEnd.GetProperty("totalCount").GetInt32().Should().Be(5);
        one.GetProperty("text").GetString().Should().Be("message 1");
        one.GetProperty("createdAt").GetDateTimeOffset().Offset.Should().Be(TimeSpan.Zero);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        gone.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Two_apps_starting_together_on_a_new_database_both_start_and_each_migration_is_applied_once()
    {
        var (settings, database) = await servers.SettingsAsync(redis: false);
        await using var one = new ApiHost(settings);
        await using var two = new ApiHost(settings);

        await Task.WhenAll(Task.Run(() => one.Server), Task.Run(() => two.Server));
        using var fromOne = await Client(one, "read:messages").GetAsync("/api/messages");
        using var fromTwo = await Client(two, "read:messages").GetAsync("/api/messages");

        fromOne.StatusCode.Should().Be(HttpStatusCode.OK);
        fromTwo.StatusCode.Should().Be(HttpStatusCode.OK);
        (await servers.Postgres.PsqlAsync("""SELECT string_agg("MigrationId", ',') FROM "__EFMigrationsHistory" """, database))
            .Should().Be("20261203210052_Initial");
        (await servers.Postgres.PsqlAsync("""SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_Messages_CreatedAt_Id'""", database))
            .Should().Contain("\"CreatedAt\" DESC, \"Id\" DESC");
    }

    private HttpClient Client(ApiHost api, string scopes)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", servers.Issuer.Token(scopes));
        return client;
    }
}
