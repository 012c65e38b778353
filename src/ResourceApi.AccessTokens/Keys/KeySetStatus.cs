namespace ResourceApi.AccessTokens;

/// <summary>A snapshot of a key set for readiness: whether keys validate tokens, their age, and the last failure.</summary>
internal sealed record KeySetStatus(bool Usable, TimeSpan? Age, TimeSpan MaxAge, int KeyCount, int ConsecutiveFailures, string? LastFailure);
