namespace ResourceApi.Messages;

/// <summary>
/// A number every committed write of a message moves on, and part of every cached page's key. Why not drop the
/// cached pages on a write instead: the output cache stores a page after its response is sent, so a read that ran
/// its query before a write can store its older page after the write's drop, and the next reader gets it. With the
/// number in the key that late page is stored under the old number, which no later reader asks for: a read that
/// sees the new number started after the write was committed, so its query lists the write.
/// </summary>
internal interface IMessageListGeneration
{
    /// <summary>
    /// The current number, or <see langword="null"/> when what is stored is not one; throws when the store is out
    /// of reach. Either way the policy reads that page from the database and does not cache it.
    /// </summary>
    ValueTask<long?> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves the number on. Called after a write has been committed, before its response, and never cancelled: a
    /// client that goes away after its write must not leave the old pages current. It does not throw: when the
    /// number cannot be moved (Redis unreachable) the write stands, the failure is logged, and pages from before
    /// the write may be listed for up to <c>Messages:ListCache:Duration</c>.
    /// </summary>
    Task AdvanceAsync();
}

/// <summary>The number in this process's memory: one replica, or several that each keep their own pages.</summary>
internal sealed class MemoryMessageListGeneration : IMessageListGeneration
{
    private long _generation;

    public ValueTask<long?> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult<long?>(Interlocked.Read(ref _generation));

    public Task AdvanceAsync()
    {
        Interlocked.Increment(ref _generation);
        return Task.CompletedTask;
    }
}
