using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>Restarts and key changes: each test runs its own hosts, one after the other, on one data folder.</summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class SigningKeyLifecycleTests(DevelopmentIssuerFixture issuer)
{
    [Fact]
    public async Task A_token_issued_before_a_restart_is_accepted_after_it()
    {
        var folder = issuer.NewDataFolder();
        var (token, kid, port) = await IssueTokenThenStopAsync(folder);

        // Same folder, same port: what a developer does with `dotnet run` twice.
        await using var after = ApiHost.StartDevelopment(folder, port: port);
        using var client = DevelopmentIssuerFixture.Client(after, token);
        using var response = await client.GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Kids(after)).Should().Equal(kid);
        File.Exists(Path.Combine(folder, "development-issuer-signing-keys.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Rotation_signs_with_a_new_key_and_keeps_the_old_one_published()
    {
        var folder = issuer.NewDataFolder();
        var (oldToken, oldKid, port) = await IssueTokenThenStopAsync(folder);

        await using var rotated = ApiHost.StartDevelopment(folder, new Dictionary<string, string?> { ["DevelopmentIssuer:RotateSigningKey"] = "true" }, port);
        var newToken = await DevelopmentIssuerFixture.TokenAsync(rotated, "demo-reader");
        var newKid = JwtParts.Read(newToken).HeaderString("kid");
        using var oldClient = DevelopmentIssuerFixture.Client(rotated, oldToken);
        using var newClient = DevelopmentIssuerFixture.Client(rotated, newToken);
        using var oldResponse = await oldClient.GetAsync("/api/messages");
        using var newResponse = await newClient.GetAsync("/api/messages");

        newKid.Should().NotBe(oldKid);
        (await Kids(rotated)).Should().Equal(newKid, oldKid);
        oldResponse.StatusCode.Should().Be(HttpStatusCode.OK, "the previous key is still published");
        newResponse.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ES256_signing_works_end_to_end()
    {
        await using var host = ApiHost.StartDevelopment(issuer.NewDataFolder(), new Dictionary<string, string?> { ["DevelopmentIssuer:SigningAlgorithm"] = "ES256" });

        var token = await DevelopmentIssuerFixture.TokenAsync(host, "demo-writer");
        using var client = DevelopmentIssuerFixture.Client(host, token);
        using var response = await client.PostAsJsonAsync("/api/messages", new { text = "signed with P-256" });

        JwtParts.Read(token).HeaderString("alg").Should().Be("ES256");
        JwtParts.Read(token).HeaderString("typ").Should().Be("at+jwt");
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    /// <summary>Runs a host on <paramref name="folder"/> long enough to get a reader token, then stops it.</summary>
    private static async Task<(string Token, string Kid, int Port)> IssueTokenThenStopAsync(string folder)
    {
        await using var host = ApiHost.StartDevelopment(folder);
        var token = await DevelopmentIssuerFixture.TokenAsync(host, "demo-reader");
        return (token, JwtParts.Read(token).HeaderString("kid")!, host.Port);
    }

    private static async Task<IReadOnlyList<string?>> Kids(ApiHost host)
    {
        using var client = DevelopmentIssuerFixture.Client(host);
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString())];
    }
}
