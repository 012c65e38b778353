namespace ResourceApi.LoadBenchmark;

/// <summary>One measured request shape: a path, how it authenticates, and the status it must get.</summary>
internal sealed record LoadCase(string Name, string Description, string Path, int ExpectedStatus)
{
    /// <summary>The one token every request carries; null for anonymous or rotating cases.</summary>
    public string? Token { get; init; }

    /// <summary>A file of tokens, one per line, rotated through by rotate.lua.</summary>
    public string? TokenFile { get; init; }

    /// <summary>With <see cref="Token"/> bound to this key: sent as <c>Authorization: DPoP</c> with a fresh proof per request (dpop.lua).</summary>
    public ResourceApi.Testing.DpopProof? DpopKey { get; init; }

    /// <summary>Every this many requests (per wrk thread) is a POST of a new message instead (mixed.lua); 0: none.</summary>
    public int WriteEvery { get; init; }

    public const string Anonymous = "health";
}

/// <summary>One case's figures in one round.</summary>
internal sealed record Measurement(string Case, int Round, WrkResult Result, int JwksFetches);

/// <summary>Everything measured with the cache set one way, in one API process.</summary>
internal sealed record CacheRun(string Database, bool CacheEnabled, IReadOnlyList<Measurement> Measurements, long PeakRssKiB, long FinalRssKiB, int JwksFetchesTotal);
