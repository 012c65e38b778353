using System.Text.Json;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Checks;

/// <summary>What every check reaches: the options, the kit's issuer, the HTTP probe, and what earlier checks found.</summary>
internal sealed class CheckContext(ConformanceOptions options, KitIssuer issuer, ApiProbe probe)
{
    private readonly List<(string CheckId, ProbeResponse Answer)> _badTokenAnswers = [];
    private KitKey? _dpopHolder;

    public ConformanceOptions Options { get; } = options;

    public KitIssuer Issuer { get; } = issuer;

    public ApiProbe Probe { get; } = probe;

    /// <summary>The check running now, so refusals are filed under it.</summary>
    public string CurrentCheck { get; set; } = "";

    /// <summary>Every answer to a token that must be refused as invalid, by check: the RFC 6750 form check reads them.</summary>
    public IReadOnlyList<(string CheckId, ProbeResponse Answer)> BadTokenAnswers => _badTokenAnswers;

    /// <summary>The API's answer to a request without a token, once <see cref="AnonymousAsync"/> asked.</summary>
    public ProbeResponse? Anonymous { get; private set; }

    /// <summary>Asks the checked route without a token, once; later calls return that answer.</summary>
    public async Task<ProbeResponse> AnonymousAsync() => Anonymous ??= await Probe.GetAsync(null);

    /// <summary>The RFC 9728 document, once the metadata check found one.</summary>
    public JsonElement? Metadata { get; set; }

    public string? MetadataUrl { get; set; }

    /// <summary>The key rotated in by the rotation check; the withdrawal check withdraws it.</summary>
    public KitKey? RotatedKey { get; set; }

    /// <summary>The kit's client key for DPoP: bound tokens name its thumbprint, proofs are signed with it.</summary>
    public KitKey DpopHolder => _dpopHolder ??= KitKey.CreateEc("kit-dpop-client");

    /// <summary>The last DPoP-Nonce the API handed out (RFC 9449 §8), put in every later proof.</summary>
    public string? DpopNonce { get; set; }

    /// <summary>A valid access token for the checked route (its scope unless <paramref name="scope"/> says otherwise).</summary>
    public KitToken Token(string? scope = null) => Issuer.Token(Options.Audience, scope ?? Options.Scope ?? "conformance:any");

    /// <summary>
    /// Sends each token to the checked route: passes when every one gets a 4xx other than 403 (never 2xx, never 5xx).
    /// A 403 means the token was taken as authentic and only the scope check stopped it: on a route needing no
    /// scope, or with a token that has it, it would have passed.
    /// </summary>
    public async Task<Verdict> RefusedAsync(params string[] tokens)
    {
        var answers = new List<ProbeResponse>();
        foreach (var token in tokens)
        {
            var answer = await Probe.GetAsync(token);
            _badTokenAnswers.Add((CurrentCheck, answer));
            answers.Add(answer);
        }
        var wrong = answers.Where(a => !a.IsRefusal || a.Status == 403).ToList();
        var seen = string.Join(", ", answers.Select(a => a.Summary).Distinct());
        if (wrong.Count == 0)
        {
            return Verdict.Pass(tokens.Length == 1 ? seen : $"{tokens.Length}/{tokens.Length} refused: {seen}");
        }
        var accepted = wrong.Count(a => a.IsSuccess);
        var authenticated = wrong.Count(a => a.Status == 403);
        var what = string.Join(", ", wrong.Select(a => a.Summary).Distinct());
        return Verdict.Fail(accepted > 0 ? $"ACCEPTED ({what}) for {wrong.Count} of {tokens.Length}"
            : authenticated > 0 ? $"authenticated ({what}): only the scope check stopped {authenticated} of {tokens.Length}"
            : $"not a clean 4xx: {what}");
    }

    /// <summary>Sends the token to the checked route: passes on a 2xx.</summary>
    public async Task<Verdict> AcceptedAsync(string token)
    {
        var answer = await Probe.GetAsync(token);
        return Verdict.When(answer.IsSuccess, answer.IsSuccess ? $"{answer.Status} accepted" : $"refused: {answer.Summary}");
    }
}
