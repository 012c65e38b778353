
namespace ResourceApi.AccessTokens;

/// <summary>The key set's settings that cannot work, in words that name the key to fix.</summary>
internal static class KeySetBounds
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxBackchannelTimeout = TimeSpan.FromSeconds(10);

    public static IEnumerable<string> Check(string section, AccessTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AutomaticRefreshInterval < MinInterval || options.AutomaticRefreshInterval > TimeSpan.FromDays(1))
        {
            yield return $"{section}:AutomaticRefreshInterval must be between 00:00:01 and 1.00:00:00 (it bounds how long a withdrawn key is trusted; default {AccessTokenOptions.DefaultAutomaticRefreshInterval:c}); got {options.AutomaticRefreshInterval:c}.";
        }
        if (options.RefreshInterval < MinInterval)
        {
            yield return $"{section}:RefreshInterval must be at least 00:00:01 (at most one fetch per interval for unknown kids; default {AccessTokenOptions.DefaultRefreshInterval:c}); got {options.RefreshInterval:c}.";
        }
        if (options.MaxKeySetAge < options.AutomaticRefreshInterval)
        {
            yield return $"{section}:MaxKeySetAge ({options.MaxKeySetAge:c}) must be at least AutomaticRefreshInterval ({options.AutomaticRefreshInterval:c}), or keys would expire before their refresh.";
        }
        if (options.BackchannelTimeout <= TimeSpan.Zero || options.BackchannelTimeout > MaxBackchannelTimeout)
        {
            yield return $"{section}:BackchannelTimeout must be more than 0 and at most {MaxBackchannelTimeout:c} (a request may wait for one fetch; default {AccessTokenOptions.DefaultBackchannelTimeout:c}); got {options.BackchannelTimeout:c}.";
        }
        if (options.MaxMetadataBytes < 1024 || options.MaxMetadataBytes > 16 * 1024 * 1024)
        {
            yield return $"{section}:MaxMetadataBytes must be between 1024 and 16777216; got {options.MaxMetadataBytes}.";
        }
    }
}
