using System.Diagnostics;
using ResourceApi.Client.Tests.Infrastructure;

namespace ResourceApi.Client.Tests;

/// <summary>
/// A POST is sent again only when the API cannot have acted on it: after a timeout or a lost connection
/// it may have stored the message, and this API honours no idempotency key, so a retry would store it
/// twice. A GET is sent again as before. Counted at the API, and read back from its store.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class PostRetryTests(ApiHostFixture fixture)
{
    // Each attempt may take half of it; a retry of a GET still fits.
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(4);

    private IssuerTraffic Traffic => fixture.Host.Traffic();

    [Fact]
    public async Task A_POST_whose_answer_never_comes_is_not_sent_again_and_its_message_is_stored_once()
    {
        await using var service = NewService();
        await service.Api.ListAsync();
        var text = $"sent once {Guid.NewGuid():N}";
        var callsBefore = Traffic.ApiRequestCount;
        Traffic.LoseNextAnswers("POST", "/api/messages", 1, AnswerLoss.Timeout);
        var clock = Stopwatch.StartNew();

        var send = () => service.Api.SendAsync(text);

        // Polly's TimeoutRejectedException (two Polly assemblies are loaded here, so by name).
        (await send.Should().ThrowAsync<Exception>()).Which.GetType().Name.Should().Be("TimeoutRejectedException");
        clock.Elapsed.Should().BeLessThan(ApiTimeout + TimeSpan.FromSeconds(5), "ApiTimeout bounds the call");
        (Traffic.ApiRequestCount - callsBefore).Should().Be(1, "a POST that timed out is not sent again");
        (await CountAsync(service, text)).Should().Be(1, "the API stored it; only its answer was lost");
    }

    [Fact]
    public async Task A_POST_whose_connection_is_reset_after_it_was_sent_is_not_sent_again_and_its_message_is_stored_once()
    {
        await using var service = NewService();
        await service.Api.ListAsync();
        var text = $"sent once {Guid.NewGuid():N}";
        var callsBefore = Traffic.ApiRequestCount;
        Traffic.LoseNextAnswers("POST", "/api/messages", 1, AnswerLoss.ConnectionReset);

        var send = () => service.Api.SendAsync(text);

        await send.Should().ThrowAsync<HttpRequestException>();
        (Traffic.ApiRequestCount - callsBefore).Should().Be(1, "a POST whose connection was lost is not sent again");
        (await CountAsync(service, text)).Should().Be(1);
    }

    [Fact]
    public async Task A_GET_whose_answer_never_comes_is_sent_again_and_succeeds()
    {
        await using var service = NewService();
        await service.Api.ListAsync();
        var callsBefore = Traffic.ApiRequestCount;
        Traffic.LoseNextAnswers("GET", "/api/messages", 1, AnswerLoss.Timeout);

        var page = await service.Api.ListAsync();

        page.Should().NotBeNull();
        (Traffic.ApiRequestCount - callsBefore).Should().Be(2, "reading twice is reading once: the timed-out GET is retried");
    }

    [Fact]
    public async Task A_GET_whose_connection_is_reset_is_sent_again_and_succeeds()
    {
        await using var service = NewService();
        await service.Api.ListAsync();
        var callsBefore = Traffic.ApiRequestCount;
        Traffic.LoseNextAnswers("GET", "/api/messages", 1, AnswerLoss.ConnectionReset);

        var page = await service.Api.ListAsync();

        page.Should().NotBeNull();
        (Traffic.ApiRequestCount - callsBefore).Should().Be(2);
    }

    [Fact]
    public async Task A_POST_answered_503_is_sent_again_because_the_API_did_not_act_on_it()
    {
        await using var service = NewService();
        var text = $"after a 503 {Guid.NewGuid():N}";
        await service.Api.ListAsync();
        var callsBefore = Traffic.ApiRequestCount;
        Traffic.FailNext("/api/messages", 1);

        var sent = await service.Api.SendAsync(text);

        sent.Text.Should().Be(text);
        (Traffic.ApiRequestCount - callsBefore).Should().Be(2, "the 503 came before the API did anything");
        (await CountAsync(service, text)).Should().Be(1);
    }

    private CallingService NewService() =>
        CallingService.For(fixture.Host, new Dictionary<string, string?> { ["ApiTimeout"] = ApiTimeout.ToString() });

    private static async Task<int> CountAsync(CallingService service, string text)
    {
        var page = await service.Api.ListAsync(pageSize: 100);
        return page.Items.Count(m => m.Text == text);
    }
}
