namespace ResourceApi.AccessTokens;

/// <summary>What a replay cache answers when asked to remember a proof.</summary>
public enum DpopReplayOutcome
{
    /// <summary>First time seen: remembered until its expiry.</summary>
    Added,

    /// <summary>Seen before and still remembered: a replay.</summary>
    AlreadySeen,

    /// <summary>The cache is full of proofs still inside their window; the proof is refused (fail closed).</summary>
    Full,
}

/// <summary>
/// Remembers which DPoP proofs (by key thumbprint and <c>jti</c>) were already used, each until the time after which
/// it would be refused as too old anyway. Register your own as a singleton to replace the in-memory default, or call
/// <see cref="DpopServiceCollectionExtensions.AddDistributedDpopReplayCache"/> to share it across replicas.
/// </summary>
public interface IDpopReplayCache
{
    /// <summary>Remembers <paramref name="key"/> until <paramref name="expiresAt"/> if it is not remembered already, atomically.</summary>
    ValueTask<DpopReplayOutcome> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
