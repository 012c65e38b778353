using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Messages;

[Collection(ApiCollection.Name)]
public sealed class MessageTests(ApiFixture api)
{
    private const string AllScopes = "read:messages write:messages delete:messages";

    [Fact]
    public async Task Posted_message_is_created_read_listed_and_deleted()
    {
        using var client = api.Client(api.Issuer.Token(AllScopes));

        using var created = await client.PostAsJsonAsync("/api/messages", new { text = "  hello from a test  " });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/messages/{id}");
        body.GetProperty("text").GetString().Should().Be("hello from a test");
        body.GetProperty("createdBy").GetString().Should().Be("test-client");
        body.GetProperty("createdAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        using var read = await client.GetAsync(created.Headers.Location);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString().Should().Be("hello from a test");

        var page = await client.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=100");
        page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).Should().Contain(id);

        using var deleted = await client.DeleteAsync(created.Headers.Location);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);

        using var gone = await client.GetAsync(created.Headers.Location);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        gone.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Listing_is_paged_newest_first()
    {
        await using var factory = api.CreateFactory();
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token(AllScopes));
        var empty = await client.GetFromJsonAsync<JsonElement>("/api/messages");
        for (var i = 1; i <= 5; i++)
        {
            (await client.PostAsJsonAsync("/api/messages", new { text = $"message {i}" })).EnsureSuccessStatusCode();
        }

        var first = await client.GetFromJsonAsync<JsonElement>("/api/messages?page=1&pageSize=2");
        var third = await client.GetFromJsonAsync<JsonElement>("/api/messages?page=3&pageSize=2");
        var pastTheEnd = await client.GetFromJsonAsync<JsonElement>("/api/messages?page=4&pageSize=2");

        first.GetProperty("totalCount").GetInt32().Should().Be(5);
        first.GetProperty("pageSize").GetInt32().Should().Be(2);
        PageTexts.Of(first).Should().Equal("message 5", "message 4");
        third.GetProperty("page").GetInt32().Should().Be(3);
        PageTexts.Of(third).Should().Equal("message 1");
        third.GetProperty("totalCount").GetInt32().Should().Be(5);
        // No row carries the total on these two pages, so it is counted on its own.
        pastTheEnd.GetProperty("items").GetArrayLength().Should().Be(0);
        pastTheEnd.GetProperty("totalCount").GetInt32().Should().Be(5);
        empty.GetProperty("items").GetArrayLength().Should().Be(0);
        empty.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    public static TheoryData<string, string> CreatorClaims => new()
    {
        { "client_id", "from-client-id" },
        { "azp", "from-azp" },
        { "appid", "from-appid" },
    };

    [Theory]
    [MemberData(nameof(CreatorClaims))]
    public async Task Creator_is_the_client_the_token_names_by_client_id_else_azp_else_appid(string claim, string value)
    {
        var builder = api.Issuer.Token().Scope(AllScopes).Without("client_id").Without("sub");
        var token = builder.Claim(claim, value).Build();

        using var created = await api.Client(token).PostAsJsonAsync("/api/messages", new { text = "who am I" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdBy").GetString().Should().Be(value);
    }

    [Fact]
    public async Task A_token_naming_its_client_only_in_sub_writes_nothing()
    {
        var token = api.Issuer.Token().Scope(AllScopes).Without("client_id").Claim("sub", "from-sub@clients").Build();

        using var created = await api.Client(token).PostAsJsonAsync("/api/messages", new { text = "who am I" });

        var bearer = await BearerResponse.ReadAsync(created);
        bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
        bearer.Description.Should().Contain("names no calling client");
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"text":""}""", "text" },
        { """{"text":"   "}""", "text" },
        { """{}""", "text" },
        { $$"""{"text":"{{new string('x', 501)}}"}""", "text" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_message_gets_a_400_validation_problem(string json, string field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await api.Client(api.Issuer.Token(AllScopes)).PostAsync("/api/messages", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Text_of_exactly_500_characters_is_accepted()
    {
        using var response = await api.Client(api.Issuer.Token(AllScopes)).PostAsJsonAsync("/api/messages", new { text = new string('x', 500) });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("", "application/json")]
    public async Task Unreadable_body_gets_400_problem_not_500(string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);

        using var response = await api.Client(api.Issuer.Token(AllScopes)).PostAsync("/api/messages", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("   at ");
    }

    [Fact]
    public async Task Wrong_content_type_gets_415()
    {
        using var content = new StringContent("text=hello", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await api.Client(api.Issuer.Token(AllScopes)).PostAsync("/api/messages", content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Huge_body_gets_413_before_it_is_read()
    {
        using var content = new StringContent($$"""{"text":"{{new string('x', 200_000)}}"}""", Encoding.UTF8, "application/json");

        using var response = await api.Client(api.Issuer.Token(AllScopes)).PostAsync("/api/messages", content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("page=abc")]
    public async Task Bad_paging_gets_400(string query)
    {
        using var response = await api.Client(api.Issuer.Token(AllScopes)).GetAsync("/api/messages?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Malformed_id_is_404_not_500()
    {
        using var response = await api.Client(api.Issuer.Token(AllScopes)).GetAsync("/api/messages/not-a-guid");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Messages_survive_a_restart_of_the_api()
    {
        var database = api.NewDatabasePath();
        var token = api.Issuer.Token(AllScopes);
        Guid id;

        await using (var first = api.CreateFactory(databasePath: database))
        {
            using var created = await ApiFixture.ClientFor(first, token).PostAsJsonAsync("/api/messages", new { text = "still here" });
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        await using var second = api.CreateFactory(databasePath: database);
        using var read = await ApiFixture.ClientFor(second, token).GetAsync($"/api/messages/{id}");

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString().Should().Be("still here");
        File.Exists(database).Should().BeTrue();
    }
}
