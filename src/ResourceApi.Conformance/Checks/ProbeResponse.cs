namespace ResourceApi.Conformance.Checks;

/// <summary>What the API answered to one request the kit sent; <see cref="Status"/> 0 when no HTTP answer came.</summary>
internal sealed record ProbeResponse(int Status, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> WwwAuthenticate, string Body, string? TransportError = null)
{
    private IReadOnlyList<AuthChallenge>? _challenges;

    public IReadOnlyList<AuthChallenge> Challenges => _challenges ??= AuthChallenge.Parse(WwwAuthenticate);

    /// <summary>The <c>Bearer</c> challenge, if the answer carries one.</summary>
    public AuthChallenge? Bearer => Challenges.FirstOrDefault(c => c.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Bearer challenge's error code, or another scheme's (DPoP's) when the Bearer challenge has none.</summary>
    public string? Error => Bearer?["error"] ?? Challenges.Select(c => c["error"]).FirstOrDefault(e => e is not null);

    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A clean refusal: a 4xx answer.</summary>
    public bool IsRefusal => Status is >= 400 and < 500;

    /// <summary>"401 invalid_token", "200", "no answer (...)": how a table cell tells what came back.</summary>
    public string Summary => Status == 0
        ? $"no HTTP answer ({TransportError})"
        : Error is null ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} {Error}";

    /// <summary>Every header and the body as one text, for the scan for echoed tokens.</summary>
    public string AllText => string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n" + Body;
}
