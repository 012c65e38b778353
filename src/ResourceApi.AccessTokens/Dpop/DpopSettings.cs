namespace ResourceApi.AccessTokens;

/// <summary>The start-up check of a scheme's <c>Dpop</c> settings: each message names the key to fix.</summary>
internal static class DpopSettings
{
    private static readonly TimeSpan LowestNonceLifetime = TimeSpan.FromSeconds(10);

    private const int MinNonceKeyBytes = 32;

    public static IEnumerable<string> Check(string path, DpopOptions options)
    {
        if (options.ProofMaxAge <= TimeSpan.Zero || options.ProofMaxAge > DpopOptions.MaxProofMaxAge)
        {
            yield return $"{path}:ProofMaxAge must be more than 00:00:00 and at most {DpopOptions.MaxProofMaxAge:c} (default {DpopOptions.DefaultProofMaxAge:c}); got {options.ProofMaxAge:c}.";
        }
        if (options.NonceLifetime < LowestNonceLifetime || options.NonceLifetime > DpopOptions.MaxNonceLifetime)
        {
            yield return $"{path}:NonceLifetime must be between {LowestNonceLifetime:c} and {DpopOptions.MaxNonceLifetime:c} (default {DpopOptions.DefaultNonceLifetime:c}); got {options.NonceLifetime:c}.";
        }
        if (options.Algorithms.Count == 0)
        {
            yield return $"{path}:Algorithms is empty; list proof algorithms such as ES256 PS256, or remove the key for the default ({string.Join(' ', DpopOptions.DefaultAlgorithms)}).";
        }
        foreach (var unknown in options.Algorithms.Where(a => !DpopOptions.DefaultAlgorithms.Contains(a)))
        {
            yield return $"{path}:Algorithms lists '{unknown}', which is not an asymmetric JWS algorithm this API can check; use some of {string.Join(' ', DpopOptions.DefaultAlgorithms)}.";
        }
        if (options.NonceKey is { } key && !IsKey(key))
        {
            yield return $"{path}:NonceKey must be base64 of at least {MinNonceKeyBytes} random bytes (e.g. openssl rand -base64 32); the value set is not.";
        }
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= MinNonceKeyBytes;
    }
}
