using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Dpop;

/// <summary>DPoP settings that cannot work stop the app at start, naming the key, for Bearer and a named scheme alike.</summary>
[Collection(ApiCollection.Name)]
public sealed class DpopSettingsTests(ApiFixture api)
{
    public static TheoryData<string, string, string> BrokenSettings => new()
    {
        { "Bearer", "Dpop:Mode=Sometimes", "Authentication:Schemes:Bearer:Dpop:Mode must be Disabled, Allowed or Required; got 'Sometimes'" },
        { "Bearer", "Dpop:Mode=1", "Authentication:Schemes:Bearer:Dpop:Mode must be Disabled, Allowed or Required" },
        { "Bearer", "Dpop:RequireNonce=yes", "Authentication:Schemes:Bearer:Dpop:RequireNonce must be true or false" },
        { "Bearer", "Dpop:ProofMaxAge=00:00:00", "Authentication:Schemes:Bearer:Dpop:ProofMaxAge must be more than 00:00:00 and at most 01:00:00" },
        { "Bearer", "Dpop:ProofMaxAge=02:00:00", "Authentication:Schemes:Bearer:Dpop:ProofMaxAge must be more than 00:00:00 and at most 01:00:00" },
        { "Bearer", "Dpop:ProofMaxAge=five minutes", "Authentication:Schemes:Bearer:Dpop:ProofMaxAge must be a time span" },
        { "Bearer", "Dpop:NonceLifetime=00:00:01", "Authentication:Schemes:Bearer:Dpop:NonceLifetime must be between 00:00:10 and 01:00:00" },
        { "Bearer", "Dpop:Algorithms=ES256 HS256", "Authentication:Schemes:Bearer:Dpop:Algorithms lists 'HS256'" },
        { "Bearer", "Dpop:NonceKey=c2hvcnQ=", "Authentication:Schemes:Bearer:Dpop:NonceKey must be base64 of at least 32 random bytes" },
        { "Partner", "Dpop:Mode=Always", "Authentication:Schemes:Partner:Dpop:Mode must be Disabled, Allowed or Required" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public async Task A_broken_DPoP_setting_stops_the_app_with_a_message_naming_its_key(string scheme, string setting, string message)
    {
        var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = KeyLifecycle.KeyLifecycleHost.Create(api, scheme, issuer.BaseUrl, (key, value));

        var start = () => factory.Server;

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public async Task A_nonce_key_is_never_written_into_the_start_up_error()
    {
        const string secret = "bm90LWVub3VnaC1ieXRlcw==";
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Dpop:NonceKey"] = secret });

        var start = () => factory.Server;

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("NonceKey").And.NotContain(secret);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("20000000")]
    [InlineData("lots")]
    public async Task A_replay_cache_size_out_of_range_stops_the_app_naming_the_key(string value)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:DpopReplayCache:MaxEntries"] = value });

        var start = () => factory.Server;

        start.Should().Throw<Exception>().Which.Message.Should().Contain("Authentication:DpopReplayCache:MaxEntries");
    }

    [Fact]
    public async Task The_replay_cache_holds_as_many_proofs_as_the_setting_says()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:DpopReplayCache:MaxEntries"] = "250000" });

        var cache = factory.Services.GetRequiredService<IDpopReplayCache>();

        cache.Should().BeOfType<MemoryDpopReplayCache>().Which.MaxEntries.Should().Be(250_000);
    }
}
