using System.Collections.Concurrent;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The <c>private_key_jwt</c> assertions already accepted, so each is accepted once (RFC 7523 §3, item 7).
/// In memory and bounded: an entry lives until its assertion's <c>exp</c> plus <see cref="ExpirySlack"/>,
/// and at most <see cref="MaxEntries"/> live at once. When full of live entries, a new assertion is refused
/// rather than an earlier one forgotten early: forgetting would let that one be replayed. Development only;
/// one process, so nothing to share.
/// </summary>
internal sealed class SeenAssertions(TimeProvider time)
{
    /// <summary>Assertions live at most 5 minutes, so this is 10,000 token requests in any 5 to 10 minutes.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Kept past <c>exp</c> for as long as a token validator's clock skew could still accept it.</summary>
    public static readonly TimeSpan ExpirySlack = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _entries = new(StringComparer.Ordinal);
    private readonly Lock _purge = new();

    public int Count => _entries.Count;

    /// <summary>False when this client already used this <c>jti</c>, or when the store is full of live entries.</summary>
    public AddResult TryAdd(string clientId, string jti, DateTimeOffset expiresAt)
    {
        var key = string.Concat(clientId, "\n", jti);
        if (_entries.ContainsKey(key))
        {
            return AddResult.Replayed;
        }
        if (_entries.Count >= MaxEntries)
        {
            Purge();
            if (_entries.Count >= MaxEntries)
            {
                return AddResult.Full;
            }
        }
        return _entries.TryAdd(key, expiresAt + ExpirySlack) ? AddResult.Added : AddResult.Replayed;
    }

    private void Purge()
    {
        lock (_purge)
        {
            var now = time.GetUtcNow();
            foreach (var (key, forgetAt) in _entries)
            {
                if (forgetAt <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    public enum AddResult
    {
        Added,
        Replayed,
        Full,
    }
}
