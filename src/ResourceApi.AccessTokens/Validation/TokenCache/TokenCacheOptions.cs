namespace ResourceApi.AccessTokens;

/// <summary>
/// The validated-token cache of one bearer scheme, bound from <c>Authentication:Schemes:{scheme}:TokenCache</c>.
/// Defaults live here, in code.
/// </summary>
public sealed class TokenCacheOptions
{
    internal const string SectionName = "TokenCache";

    // Each calling service instance holds one token at a time, so a thousand covers a large estate of
    // callers, and costs at most 8 MiB (typically under 3 MiB); raise it for more.
    internal const int DefaultMaxEntries = 1_000;

    internal const int MaxMaxEntries = 1_000_000;

    /// <summary>
    /// An entry whose claims take more than this is validated every time instead of cached, so the
    /// cache's memory is bounded by <see cref="MaxEntries"/> × this, whatever the issuer puts in a token.
    /// </summary>
    public const int MaxEntryBytes = 8 * 1024;

    /// <summary>Remember tokens that passed every check, so a repeated token skips the signature check.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many distinct valid tokens are remembered; past it, expired then least recently used ones go.</summary>
    public int MaxEntries { get; set; } = DefaultMaxEntries;
}
