namespace ResourceApi.Conformance.Checks;

/// <summary>What the kit is pointed at and how far it goes: the command line's options, parsed.</summary>
internal sealed record ConformanceOptions
{
    /// <summary>The API under test, e.g. http://127.0.0.1:5080 (a path base is kept).</summary>
    public required Uri Api { get; init; }

    /// <summary>A protected route a token with <see cref="Scope"/> may GET.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The scope <see cref="Path"/> needs; null when the route needs a valid token and nothing more.</summary>
    public string? Scope { get; init; }

    /// <summary>The audience the API accepts (its identifier); tokens are minted for it.</summary>
    public string Audience { get; init; } = "https://api.example.test";

    /// <summary>The loopback port of the kit's issuer: the API's Authority is http://127.0.0.1:{port}. 0 picks a free one.</summary>
    public int IssuerPort { get; init; } = 9700;

    /// <summary>A second route needing <see cref="WriteScope"/>, for a 403 on a scope the token lacks.</summary>
    public string? WritePath { get; init; }

    public string WriteMethod { get; init; } = "POST";

    public string? WriteScope { get; init; }

    /// <summary>Also check that a withdrawn key is refused within <see cref="WithdrawalBound"/> (takes up to that long).</summary>
    public bool Long { get; init; }

    public TimeSpan WithdrawalBound { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Run the DPoP checks even when the API does not advertise DPoP.</summary>
    public bool Dpop { get; init; }

    /// <summary>How long to wait for the API to answer at all, and then to accept a valid token (its first key fetch).</summary>
    public TimeSpan WaitForApi { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Tokens with made-up <c>kid</c>s sent at once in the flood check.</summary>
    public int FloodSize { get; init; } = 50;

    /// <summary>The most JWKS fetches that flood may cause.</summary>
    public int FloodFetchBound { get; init; } = 2;

    /// <summary>Run only the checks with these ids (in catalog order); empty: every check.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    /// <summary>Where to write the Markdown report; null: none.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Where to write the JSON report; null: none.</summary>
    public string? JsonPath { get; init; }

    public string Url(string pathAndQuery) => Api.ToString().TrimEnd('/') + pathAndQuery;
}
