using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Dpop;
using Xunit.Abstractions;

namespace ResourceApi.Tests.ScaleOut;

/// <summary>
/// Two API processes on one PostgreSQL database and one Redis, behind nginx: what a deployment with several
/// replicas relies on, shown with counts (written to the test output).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class TwoReplicasTests(ScaleOutFixture servers, ITestOutputHelper output)
{
    private const int Rounds = 20;
    private const int Writes = 240;
    private const int Writers = 4;
    private const int KillAfterAcknowledged = 80;

    /// <summary>How long the replicas may take to answer again once the database is back.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_posted_through_one_replica_is_listed_through_the_other_at_once()
    {
        await using var replicas = await servers.StartReplicasAsync();
        using var http = Client("read:messages write:messages");

        var seen = 0;
        for (var i = 0; i < Rounds; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (replicas.One, replicas.Two) : (replicas.Two, replicas.One);
            using var created = await http.PostAsJsonAsync(writer.BaseUrl + "/api/messages", new { text = $"round {i}" });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            var page = await http.GetFromJsonAsync<JsonElement>(reader.BaseUrl + "/api/messages?pageSize=1");
            if (page.GetProperty("items")[0].GetProperty("id").GetGuid() == id)
            {
                seen++;
            }
        }
        var answeredBy = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            using var listed = await http.GetAsync(replicas.Proxy.BaseUrl + "/api/messages");
            listed.StatusCode.Should().Be(HttpStatusCode.OK);
            answeredBy.Add(listed.Headers.GetValues(NginxProxy.UpstreamHeader).Single());
        }

        output.WriteLine($"{seen} of {Rounds} messages posted to one replica were the newest on the other at the next request; the proxy spread 4 requests over {answeredBy.Count} replicas.");
        seen.Should().Be(Rounds);
        answeredBy.Should().BeEquivalentTo([new Uri(replicas.One.BaseUrl).Authority, new Uri(replicas.Two.BaseUrl).Authority]);
    }

    [Fact]
    public async Task A_write_through_one_replica_moves_on_the_pages_both_replicas_cached_so_the_other_lists_it_at_once()
    {
        await using var replicas = await servers.StartReplicasAsync();
        using var http = Client("read:messages write:messages delete:messages");

        var cachedBefore = 0;
        var seen = 0;
        var goneAfterDelete = 0;
        for (var i = 0; i < Rounds / 2; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (replicas.One, replicas.Two) : (replicas.Two, replicas.One);
            // Both replicas serve the page from their cache before the write: the second read comes with an Age.
            cachedBefore += await CachedAsync(http, reader) && await CachedAsync(http, writer) ? 1 : 0;

            using var created = await http.PostAsJsonAsync(writer.BaseUrl + "/api/messages", new { text = $"cached round {i}" });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var page = await http.GetFromJsonAsync<JsonElement>(reader.BaseUrl + "/api/messages");
            seen += page.GetProperty("items")[0].GetProperty("id").GetGuid() == id ? 1 : 0;

            // Cached again by the reader, then deleted through the writer: gone from the reader's next page.
            await CachedAsync(http, reader);
            using (var deleted = await http.DeleteAsync(writer.BaseUrl + $"/api/messages/{id}"))
            {
                deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
            }
            var after = await http.GetFromJsonAsync<JsonElement>(reader.BaseUrl + "/api/messages");
            goneAfterDelete += after.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("id").GetGuid() == id) ? 0 : 1;
        }

        output.WriteLine($"Cached pages: in {cachedBefore} of {Rounds / 2} rounds both replicas served the page from their cache before a write; "
            + $"{seen} posts and {goneAfterDelete} deletes through one replica were in the other's next page.");
        cachedBefore.Should().Be(Rounds / 2, "each replica caches the page it read");
        seen.Should().Be(Rounds / 2);
        goneAfterDelete.Should().Be(Rounds / 2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_DPoP_proof_accepted_by_one_replica_is_refused_by_the_other_when_they_share_Redis_and_not_without_it(bool redis)
    {
        await using var replicas = await servers.StartReplicasAsync(redis: redis);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var url = replicas.Proxy.BaseUrl + "/api/messages";

        var refusedByTheOther = 0;
        for (var i = 0; i < Rounds / 2; i++)
        {
            var key = DpopProof.CreateEc();
            var token = servers.Issuer.Token().Scope("read:messages").BoundTo(key).Build();
            var proof = key.For("GET", url, token).Build();
            using var first = await SendAsync(http, url, token, proof);
            using var replay = await SendAsync(http, url, token, proof);
            first.StatusCode.Should().Be(HttpStatusCode.OK);
            // Round robin: the replay reaches the replica that did not see the proof.
            replay.Headers.GetValues(NginxProxy.UpstreamHeader).Single().Should().NotBe(first.Headers.GetValues(NginxProxy.UpstreamHeader).Single());
            if (replay.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Refused as the protocol says: 401, a DPoP challenge with invalid_dpop_proof, problem+json.
                await DpopRequestTests.ShouldBeInvalidProofAsync(replay, "used before");
                refusedByTheOther++;
            }
            else
            {
                replay.StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        output.WriteLine($"Redis {(redis ? "shared" : "not configured")}: {refusedByTheOther} of {Rounds / 2} proofs accepted by one replica were refused when replayed to the other.");
        refusedByTheOther.Should().Be(redis ? Rounds / 2 : 0, redis ? "the replay cache is in Redis, shared" : "each replica remembers only the proofs it saw");
    }

    [Fact]
    public async Task A_replica_killed_mid_stream_loses_no_acknowledged_write_stores_none_twice_and_the_proxy_sends_the_next_requests_to_the_survivor()
    {
        await using var replicas = await servers.StartReplicasAsync();
        using var http = Client("read:messages write:messages");
        var acknowledged = new ConcurrentDictionary<string, Guid>();
        var refused = new ConcurrentBag<HttpStatusCode>();
        var next = -1;
        var killed = new TaskCompletionSource();

        var clock = Stopwatch.StartNew();
        var killer = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => Task.FromResult(acknowledged.Count >= KillAfterAcknowledged), TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(5));
            await replicas.One.KillAsync();
            killed.SetResult();
        });
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < Writes)
            {
                var text = $"write {n}";
                try
                {
                    using var response = await http.PostAsJsonAsync(replicas.Proxy.BaseUrl + "/api/messages", new { text });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged[text] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    }
                    else
                    {
                        refused.Add(response.StatusCode);
                    }
                }
                catch (HttpRequestException)
                {
                    refused.Add(0);
                }
            }
        })));
        await killer;
        var streamTime = clock.Elapsed;

        var stored = (await replicas.Postgres.PsqlAsync("""SELECT "Text" || '|' || "Id" FROM "Messages" """, replicas.Database))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(row => row.Split('|'))
            .Select(parts => (Text: parts[0], Id: Guid.Parse(parts[1])))
            .ToList();
        var survivor = new Uri(replicas.Two.BaseUrl).Authority;
        var after = new List<(HttpStatusCode Status, string Upstream)>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await http.GetAsync(replicas.Proxy.BaseUrl + "/api/messages");
            after.Add((response.StatusCode, response.Headers.GetValues(NginxProxy.UpstreamHeader).Single()));
        }

        var storedById = stored.ToDictionary(s => s.Id, s => s.Text);
        var lost = acknowledged.Where(a => !storedById.TryGetValue(a.Value, out var text) || text != a.Key).ToList();
        var unacknowledged = stored.Count(s => !acknowledged.ContainsKey(s.Text));
        output.WriteLine($"{Writes} writes by {Writers} writers through nginx in {streamTime.TotalSeconds:F1} s, replica one killed (SIGKILL) after {KillAfterAcknowledged} acknowledged: "
            + $"{acknowledged.Count} got 201, {refused.Count} did not ({string.Join(", ", refused.GroupBy(s => (int)s).Select(g => $"{g.Count()}× {(g.Key == 0 ? "connection error" : g.Key)}"))}); "
            + $"{stored.Count} rows stored, {lost.Count} acknowledged writes missing, {stored.Count - stored.Select(s => s.Text).Distinct().Count()} stored twice, "
            + $"{unacknowledged} stored without a 201 (in flight at the kill); the next {after.Count} requests: {after.Count(a => a.Status == HttpStatusCode.OK && a.Upstream == survivor)} answered 200 by the survivor.");
        killed.Task.IsCompleted.Should().BeTrue();
        acknowledged.Count.Should().BeGreaterThan(KillAfterAcknowledged, "writes went on through the survivor after the kill");
        lost.Should().BeEmpty("every write that got 201 is in the database");
        stored.Select(s => s.Text).Should().OnlyHaveUniqueItems("nothing is stored twice");
        stored.Select(s => s.Text).Should().OnlyContain(t => t.StartsWith("write ", StringComparison.Ordinal));
        unacknowledged.Should().BeLessThanOrEqualTo(Writers, "only a write in flight when the replica died can be stored without its 201");
        after.Should().OnlyContain(a => a.Status == HttpStatusCode.OK && a.Upstream == survivor);
    }

    [Fact]
    public async Task Database_stopped_both_replicas_answer_ready_503_and_protected_calls_503_and_both_recover_when_it_is_back()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var replicas = await servers.StartReplicasAsync(postgres);
        using var http = Client("read:messages write:messages");
        ApiProcess[] both = [replicas.One, replicas.Two];
        foreach (var replica in both)
        {
            (await http.GetAsync(replica.BaseUrl + "/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await postgres.StopAsync();
        var during = new List<(HttpStatusCode Ready, HttpStatusCode List, string? ListType, HttpStatusCode Post)>();
        foreach (var replica in both)
        {
            using var ready = await http.GetAsync(replica.BaseUrl + "/health/ready");
            using var list = await http.GetAsync(replica.BaseUrl + "/api/messages");
            using var post = await http.PostAsJsonAsync(replica.BaseUrl + "/api/messages", new { text = "during the outage" });
            during.Add((ready.StatusCode, list.StatusCode, list.Content.Headers.ContentType?.MediaType, post.StatusCode));
        }
        using var throughProxy = await http.GetAsync(replicas.Proxy.BaseUrl + "/api/messages");

        var clock = Stopwatch.StartNew();
        await postgres.StartAgainAsync();
        var recovered = await Poll.UntilAsync(async () =>
        {
            foreach (var replica in both)
            {
                using var ready = await http.GetAsync(replica.BaseUrl + "/health/ready");
                using var list = await http.GetAsync(replica.BaseUrl + "/api/messages");
                if (ready.StatusCode != HttpStatusCode.OK || list.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }
            return true;
        }, RecoveryBound);
        var recovery = clock.Elapsed;

        output.WriteLine($"Database stopped: ready/list/post per replica {string.Join("; ", during.Select(d => $"{(int)d.Ready}/{(int)d.List} {d.ListType}/{(int)d.Post}"))}, "
            + $"through the proxy {(int)throughProxy.StatusCode}; both ready and serving again {recovery.TotalSeconds:F1} s after the database started (bound {RecoveryBound.TotalSeconds} s).");
        during.Should().AllSatisfy(d =>
        {
            d.Ready.Should().Be(HttpStatusCode.ServiceUnavailable);
            d.List.Should().Be(HttpStatusCode.ServiceUnavailable);
            d.ListType.Should().Be("application/problem+json");
            d.Post.Should().Be(HttpStatusCode.ServiceUnavailable);
        });
        throughProxy.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        throughProxy.Headers.RetryAfter.Should().NotBeNull();
        recovered.Should().BeTrue($"both replicas serve again within {RecoveryBound.TotalSeconds} s of the database's return");
    }

    /// <summary>Reads the page twice at <paramref name="replica"/>: true when the second came from its cache.</summary>
    private static async Task<bool> CachedAsync(HttpClient http, ApiProcess replica)
    {
        (await http.GetAsync(replica.BaseUrl + "/api/messages")).EnsureSuccessStatusCode();
        using var again = await http.GetAsync(replica.BaseUrl + "/api/messages");
        return again.Headers.Age is not null;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string url, string token, string proof)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        request.Headers.Add("DPoP", proof);
        return http.SendAsync(request);
    }

    private HttpClient Client(string scopes)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", servers.Issuer.Token(scopes));
        return http;
    }
}
