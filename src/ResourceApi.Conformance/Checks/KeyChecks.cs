using System.Diagnostics;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Checks;

/// <summary>Keys over time: a key rotated in works at once, made-up kids cost bounded fetches, a withdrawn key stops working.</summary>
internal static class KeyChecks
{
    private const string Family = "Keys";
    private static readonly TimeSpan RotationPatience = TimeSpan.FromSeconds(10);

    /// <summary>Runs before any token with an unknown kid, which an API may answer by holding back its next fetch.</summary>
    public static Check RotatedIn() =>
        new("key-rotated-in", CheckLevel.Should, "OIDC Core §10.1.1", Family,
            "A key the issuer rotates in is accepted on its first request", RotatedInAsync);

    public static IEnumerable<Check> OverTime() =>
    [
        new("unknown-kid-flood", CheckLevel.Should, "RFC 8725 §3.10", Family,
            "A flood of tokens with made-up kids is refused and costs a bounded number of JWKS fetches", FloodAsync),
        new("withdrawn-key", CheckLevel.Should, "OIDC Core §10.1.1", Family,
            "A key the issuer withdraws is refused within the bound (--long)", WithdrawnAsync),
    ];

    private static async Task<Verdict> RotatedInAsync(CheckContext ctx)
    {
        var key = ctx.Issuer.Publish(KitKey.CreateRsa($"kit-rotated-{Guid.NewGuid():N}"[..20]));
        ctx.RotatedKey = key;
        var token = ctx.Token().SignedWith(key).Build();
        var before = ctx.Issuer.JwksFetches;
        var first = await ctx.Probe.GetAsync(token);
        if (first.IsSuccess)
        {
            return Verdict.Pass($"first request {first.Status}; {ctx.Issuer.JwksFetches - before} JWKS fetch");
        }
        // Tell "slow" from "never": how long until the key works.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < RotationPatience)
        {
            await Task.Delay(500);
            if ((await ctx.Probe.GetAsync(token)).IsSuccess)
            {
                return Verdict.Fail($"first request {first.Summary}; accepted {clock.Elapsed.TotalSeconds:0.0} s later");
            }
        }
        return Verdict.Fail($"first request {first.Summary}; still refused after {RotationPatience.TotalSeconds:0} s");
    }

    private static async Task<Verdict> FloodAsync(CheckContext ctx)
    {
        using var stranger = KitKey.CreateRsa("stranger");
        var tokens = Enumerable.Range(0, ctx.Options.FloodSize)
            .Select(i => ctx.Token().SignedWith(stranger, $"made-up-{i}-{Guid.NewGuid():N}").Build()).ToList();
        var before = ctx.Issuer.JwksFetches;
        using var gate = new SemaphoreSlim(10);
        var answers = await Task.WhenAll(tokens.Select(async token =>
        {
            await gate.WaitAsync();
            try
            {
                return await ctx.Probe.GetAsync(token);
            }
            finally
            {
                gate.Release();
            }
        }));
        // A fetch the flood started in the background may land just after the last answer.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var fetches = ctx.Issuer.JwksFetches - before;
        var accepted = answers.Count(a => !a.IsRefusal || a.Status == 403);
        var detail = $"{tokens.Count} tokens: {accepted} not refused, {fetches} JWKS fetches (bound {ctx.Options.FloodFetchBound})";
        return Verdict.When(accepted == 0 && fetches <= ctx.Options.FloodFetchBound, detail);
    }

    private static async Task<Verdict> WithdrawnAsync(CheckContext ctx)
    {
        if (!ctx.Options.Long)
        {
            return Verdict.Skip("run with --long");
        }
        var key = ctx.RotatedKey ?? ctx.Issuer.Publish(KitKey.CreateRsa($"kit-withdrawn-{Guid.NewGuid():N}"[..20]));
        var token = ctx.Token().SignedWith(key).Build();
        var accepted = await ctx.Probe.GetAsync(token);
        if (!accepted.IsSuccess)
        {
            return Verdict.Fail($"the key was not accepted before its withdrawal: {accepted.Summary}");
        }
        ctx.Issuer.Withdraw(key);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ctx.Options.WithdrawalBound)
        {
            var answer = await ctx.Probe.GetAsync(token);
            if (answer.IsRefusal && answer.Status != 403)
            {
                return Verdict.Pass($"refused {clock.Elapsed.TotalSeconds:0.0} s after withdrawal (bound {ctx.Options.WithdrawalBound.TotalMinutes:0.##} min): {answer.Summary}");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return Verdict.Fail($"still accepted {ctx.Options.WithdrawalBound.TotalMinutes:0.##} min after withdrawal");
    }
}
