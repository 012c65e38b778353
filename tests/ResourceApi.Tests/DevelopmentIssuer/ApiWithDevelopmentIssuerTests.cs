using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>The API validating the development issuer's tokens through discovery and JWKS, end to end.</summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class ApiWithDevelopmentIssuerTests(DevelopmentIssuerFixture issuer)
{
    [Fact]
    public async Task Reader_can_list_messages()
    {
        using var client = issuer.Client(await issuer.TokenAsync("demo-reader"));

        using var response = await client.GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reader_cannot_post_and_gets_403_insufficient_scope()
    {
        using var client = issuer.Client(await issuer.TokenAsync("demo-reader"));

        using var response = await client.PostAsJsonAsync("/api/messages", new { text = "hello" });
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Forbidden);
        result.Error.Should().Be("insufficient_scope");
        result.Parameters["scope"].Should().Be("write:messages");
    }

    [Fact]
    public async Task Writer_can_post_and_the_message_records_its_client_id()
    {
        using var client = issuer.Client(await issuer.TokenAsync("demo-writer"));

        using var response = await client.PostAsJsonAsync("/api/messages", new { text = "from the writer" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        body.GetProperty("createdBy").GetString().Should().Be("demo-writer");
    }

    [Fact]
    public async Task Admin_can_delete_what_the_writer_posted_and_the_writer_cannot()
    {
        using var writer = issuer.Client(await issuer.TokenAsync("demo-writer"));
        using var admin = issuer.Client(await issuer.TokenAsync("demo-admin"));
        using var created = await writer.PostAsJsonAsync("/api/messages", new { text = "to delete" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var refused = await writer.DeleteAsync($"/api/messages/{id}");
        using var deleted = await admin.DeleteAsync($"/api/messages/{id}");

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Me_shows_what_the_development_token_says()
    {
        using var client = issuer.Client(await issuer.TokenAsync("demo-admin"));

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        me.GetProperty("clientId").GetString().Should().Be("demo-admin");
        me.GetProperty("issuer").GetString().Should().Be(issuer.Host.BaseUrl + "/");
        me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().BeEquivalentTo("read:messages", "write:messages", "delete:messages");
    }
}
