using System.Globalization;

namespace ResourceApi.AccessTokens;

/// <summary>
/// RFC 7519 NumericDate (seconds since 1970) as a time, for the claims of a validated token. An issuer may
/// write any number, so a value beyond <see cref="DateTimeOffset"/>'s range (years 1 to 9999) is clamped to
/// its end instead of throwing.
/// </summary>
public static class NumericDate
{
    private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The time <paramref name="seconds"/> after 1970-01-01T00:00Z, clamped to <see cref="DateTimeOffset"/>'s range.</summary>
    public static DateTimeOffset ToTime(long seconds) => DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, Min, Max));

    /// <summary>The time a claim's value states, or null when it is absent or not a whole number of seconds.</summary>
    public static DateTimeOffset? ToTime(string? value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ? ToTime(seconds) : null;
}
