using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Messages;

namespace ResourceApi.Tests.Database;

/// <summary>
/// /health/ready follows the database and Redis, and a request that needs the database while it is down gets
/// 503 Problem Details, not 500. Each test stops a server of its own, so the shared ones stay up.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ReadinessTests(ServersFixture servers)
{
    /// <summary>How long a replica may take to see the database again: Npgsql drops the broken pooled connections on first use.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Database_stopped_makes_ready_503_and_protected_calls_503_Problem_Details_and_both_recover_when_it_is_back()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        var (settings, _) = await servers.SettingsAsync(redis: false);
        settings["ConnectionStrings:Messages"] = postgres.ConnectionString(database);
        await using var api = new ApiHost(settings);
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", servers.Issuer.Token("read:messages write:messages"));
        (await Poll.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, RecoveryBound)).Should().BeTrue();
        (await client.PostAsJsonAsync("/api/messages", new { text = "before the outage" })).StatusCode.Should().Be(HttpStatusCode.Created);

        await postgres.StopAsync();
        using var ready = await client.GetAsync("/health/ready");
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        using var list = await client.GetAsync("/api/messages");
        using var post = await client.PostAsJsonAsync("/api/messages", new { text = "during the outage" });
        var problem = await list.Content.ReadFromJsonAsync<JsonElement>();

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Unhealthy");
        report.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().Should().Be("The messages database (PostgreSQL) cannot be reached.");
        list.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        list.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        list.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        problem.GetProperty("status").GetInt32().Should().Be(503);
        problem.GetProperty("detail").GetString().Should().Be("The database cannot be reached. Try again shortly.");
        problem.ToString().Should().NotContain("127.0.0.1", "an anonymous answer names no host");
        post.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        await postgres.StartAgainAsync();
        var recovered = await Poll.UntilAsync(async () =>
            (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK
            && (await client.GetAsync("/api/messages")).StatusCode == HttpStatusCode.OK, RecoveryBound);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/messages");

        recovered.Should().BeTrue($"the app sees the database again within {RecoveryBound.TotalSeconds} s");
        PageTexts.Of(page).Should().Equal("before the outage");
    }

    [Fact]
    public async Task Redis_stopped_makes_ready_503_naming_redis_and_ready_again_when_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        var (settings, _) = await servers.SettingsAsync(redis: false);
        settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        await using var api = new ApiHost(settings);
        using var client = api.CreateClient();

        // Ready first (the signing keys load in the background): then only Redis changes.
        var readyBefore = await Poll.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, RecoveryBound);
        var before = await ReportAsync(client);
        await redis.StopAsync();
        using var during = await client.GetAsync("/health/ready");
        var report = await during.Content.ReadFromJsonAsync<JsonElement>();
        await redis.StartAgainAsync();
        var recovered = await Poll.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, RecoveryBound);

        readyBefore.Should().BeTrue();
        before.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().Should().Be("Healthy");
        during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().Should().Be("Unhealthy");
        report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
        recovered.Should().BeTrue($"the client library reconnects to Redis within {RecoveryBound.TotalSeconds} s");
    }

    [Fact]
    public async Task Without_ConnectionStrings_Redis_readiness_has_no_redis_check()
    {
        var (settings, _) = await servers.SettingsAsync(redis: false);
        await using var api = new ApiHost(settings);

        // Read whatever the status: the signing keys may still be loading (503), the checks are listed either way.
        var report = await ReportAsync(api.CreateClient());

        report.GetProperty("checks").TryGetProperty("redis", out _).Should().BeFalse();
        report.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().Should().Be("The messages database (PostgreSQL) is reachable.");
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
