namespace ResourceApi.AccessTokens;

/// <summary>
/// The in-process DPoP replay cache's size (<c>Authentication:DpopReplayCache</c>), shared by every scheme. Each accepted
/// proof is remembered for its window (<c>ProofMaxAge</c> plus the clock skew, about 5 minutes), so the size bounds
/// the sustained DPoP request rate a process takes: <c>MaxEntries</c> / 300 s per second (333 at the default).
/// </summary>
public sealed class DpopReplayCacheOptions
{
    /// <summary>The configuration section: beside <c>Authentication:Schemes</c>, not a scheme.</summary>
    public const string SectionPath = "Authentication:DpopReplayCache";

    internal const int LowestMaxEntries = 1_000;
    internal const int HighestMaxEntries = 10_000_000;

    /// <summary>How many proofs are remembered at once (1,000 to 10,000,000; default 100,000, about 4.8 MB).</summary>
    public int MaxEntries { get; set; } = MemoryDpopReplayCache.DefaultMaxEntries;
}
