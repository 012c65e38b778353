namespace ResourceApi.Conformance.Checks;

/// <summary>Tokens the API must accept: without these, every refusal below would prove nothing.</summary>
internal static class BaselineChecks
{
    public const string ValidToken = "valid-token";

    private const string Family = "Baseline";

    public static IEnumerable<Check> All() =>
    [
        new(ValidToken, CheckLevel.Must, "RFC 6750 §2.1", Family,
            "A valid RS256 at+jwt access token with the route's scope is accepted", ValidTokenAsync),
        new("es256-token", CheckLevel.Should, "RFC 7518 §3.1", Family,
            "A valid ES256 token from a published EC key is accepted",
            ctx => ctx.AcceptedAsync(ctx.Token().SignedWith(ctx.Issuer.Es256).Build())),
        new("typ-application-at-jwt", CheckLevel.Should, "RFC 9068 §4", Family,
            "typ \"application/at+jwt\" is accepted like \"at+jwt\"",
            ctx => ctx.AcceptedAsync(ctx.Token().Header("typ", "application/at+jwt").Build())),
        new("scope-list", CheckLevel.Should, "RFC 9068 §2.2.3", Family,
            "A space-delimited scope list holding the route's scope is accepted",
            ctx => ctx.AcceptedAsync(ctx.Token($"openid {ctx.Options.Scope ?? "conformance:any"} conformance:other").Build())),
    ];

    // The API may still be fetching the kit's keys for the first time: a 503 (or no answer) is waited out.
    private static async Task<Verdict> ValidTokenAsync(CheckContext ctx)
    {
        var deadline = DateTime.UtcNow + ctx.Options.WaitForApi;
        while (true)
        {
            var answer = await ctx.Probe.GetAsync(ctx.Token().Build());
            if (answer.IsSuccess)
            {
                return Verdict.Pass($"{answer.Status} accepted");
            }
            if (answer.Status is not (0 or 503) || DateTime.UtcNow > deadline)
            {
                return Verdict.Fail($"refused: {answer.Summary}{(answer.Bearer?["error_description"] is { } why ? $" ({why})" : "")}; is the API's Authority the kit's issuer and its audience {ctx.Options.Audience}?");
            }
            await Task.Delay(500);
        }
    }
}
