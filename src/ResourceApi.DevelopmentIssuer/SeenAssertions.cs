using ResourceApi.AccessTokens;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The <c>private_key_jwt</c> assertions already accepted, so each is accepted once (RFC 7523 §3, item 7).
/// The access-token library's bounded replay cache (the one that remembers DPoP proofs) holds them: an entry lives
/// until its assertion's <c>exp</c> plus <see cref="ExpirySlack"/>, at most <see cref="MaxEntries"/> at once, and when
/// it is full of live entries a new assertion is refused rather than an earlier one forgotten early: forgetting would
/// let that one be replayed. Development only; one process, so nothing to share.
/// </summary>
internal sealed class SeenAssertions(TimeProvider time)
{
    /// <summary>Assertions live at most 5 minutes, so this is 10,000 token requests in any 5 to 10 minutes.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Kept past <c>exp</c> for as long as a token validator's clock skew could still accept it.</summary>
    public static readonly TimeSpan ExpirySlack = TimeSpan.FromMinutes(5);

    private readonly MemoryDpopReplayCache _entries = new(MaxEntries, time);

    public int Count => _entries.Count;

    /// <summary>Replayed when this client already used this <c>jti</c>; Full when the store is full of live entries.</summary>
    public AddResult TryAdd(string clientId, string jti, DateTimeOffset expiresAt)
    {
        // The in-memory cache answers synchronously: its ValueTask is complete when returned.
        var pending = _entries.TryAddAsync(string.Concat(clientId, "\n", jti), expiresAt + ExpirySlack);
        var outcome = pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("The in-memory replay cache answered asynchronously.");
        return outcome switch
        {
            DpopReplayOutcome.Added => AddResult.Added,
            DpopReplayOutcome.AlreadySeen => AddResult.Replayed,
            _ => AddResult.Full,
        };
    }

    public enum AddResult
    {
        Added,
        Replayed,
        Full,
    }
}
