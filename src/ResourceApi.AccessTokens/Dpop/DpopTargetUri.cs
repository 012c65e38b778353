namespace ResourceApi.AccessTokens;

/// <summary>
/// The <c>htu</c> comparison of RFC 9449 §4.3 step 9: both sides without query and fragment, normalized per RFC 3986
/// §6.2.2 and §6.2.3 (scheme and host case, default port, empty path as "/", percent-encoding case and unreserved
/// characters decoded), as <see cref="Uri"/> does it; then compared exactly.
/// </summary>
internal static class DpopTargetUri
{
    public static string? Normalize(string? value) =>
        value is { Length: > 0 and <= 8192 } && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? Normalize(uri) : null;

    public static string? Normalize(Uri uri)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0)
        {
            return null;
        }
        // GetComponents applies the scheme's normalization and leaves out the default port.
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }
}
