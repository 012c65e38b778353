using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.ScopePolicies;

/// <summary>
/// A scope is an exact RFC 6749 §3.3 scope-token: a string claim is split on the space character (U+0020)
/// alone, a piece holding any other character is no scope (never trimmed into one), and a JSON array
/// element is one scope token or none.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ScopeTokenTests(ApiFixture api)
{
    private const string Read = "read:messages";

    public static TheoryData<string, object, string[]> BentScopes => new()
    {
        { "a trailing no-break space", "read:messages write:messages\u00a0", [Read] },
        { "an ideographic space and an em space around it", "read:messages \u3000write:messages\u2003", [Read] },
        { "an em space as the separator", "read:messages\u2003write:messages", [] },
        { "a trailing tab", "read:messages write:messages\t", [Read] },
        { "a control character", "read:messages write:messages\u0000", [Read] },
        { "a space inside a JSON array element", new[] { Read, "read:messages write:messages" }, [Read] },
        { "a lone JSON array element with a space inside", new[] { "read:messages write:messages" }, [] },
        { "nothing bent (the control row)", Read, [Read] },
    };

    [Theory, MemberData(nameof(BentScopes))]
    public async Task A_scope_bent_with_other_white_space_or_hidden_in_an_array_element_grants_nothing(string bent, object scope, string[] granted)
    {
        using var client = api.Client(api.Issuer.Token().Claim("scope", scope).Build());

        using var post = await client.PostAsJsonAsync("/api/messages", new { text = "should not be written" });
        using var me = await client.GetAsync("/api/me");

        var refusal = await BearerResponse.ReadAsync(post);
        refusal.Status.Should().Be(HttpStatusCode.Forbidden, "write:messages with {0} is no scope", bent);
        refusal.Error.Should().Be("insufficient_scope");
        refusal.Parameters["scope"].Should().Be("write:messages");
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        var listed = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToArray();
        listed.Should().Equal(granted);
    }

    [Fact]
    public async Task A_scope_hidden_between_other_white_space_is_not_listed_by_api_me()
    {
        using var client = api.Client(api.Issuer.Token().Scope("\u3000delete:messages\u2003").Build());

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        me.GetProperty("scopes").EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Repeated_spaces_between_scope_tokens_are_harmless()
    {
        using var client = api.Client(api.Issuer.Token().Scope("read:messages  write:messages").Build());

        using var post = await client.PostAsJsonAsync("/api/messages", new { text = "two spaces apart" });

        post.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
