using System.Collections.Generic;
using System.Text;

namespace ResourceApi.BearerErrors;

/// <summary>
/// The one place a <c>WWW-Authenticate: Bearer</c> value is formatted. Safe for any input: every
/// parameter is an RFC 7235 quoted-string, and characters a header cannot carry are replaced, so a
/// description from anywhere can neither break the header nor make the server refuse to send it.
/// </summary>
public static class BearerChallenge
{
    /// <summary>The challenge for <paramref name="error"/>, e.g. <c>Bearer error="insufficient_scope", error_description="...", scope="read:messages"</c>.</summary>
    public static string Format(BearerError error, string? resourceMetadataUrl = null)
    {
        System.ArgumentNullException.ThrowIfNull(error);
        var parameters = new List<KeyValuePair<string, string>>();
        if (error.Code is not null)
        {
            // RFC 6750 §3: error and error_description are %x20-21 / %x23-5B / %x5D-7E.
            parameters.Add(new("error", Rfc6750Text(error.Code)));
            parameters.Add(new("error_description", Rfc6750Text(error.Description)));
        }
        if (error.RequiredScopes.Count > 0)
        {
            parameters.Add(new("scope", Rfc6750Text(string.Join(' ', error.RequiredScopes))));
        }
        if (!string.IsNullOrEmpty(resourceMetadataUrl))
        {
            parameters.Add(new("resource_metadata", resourceMetadataUrl));
        }
        return Format(parameters);
    }

    /// <summary><c>Bearer</c> followed by <c>name="value"</c> pairs, each value quoted per RFC 7235 §2.1.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        System.ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder("Bearer");
        var first = true;
        foreach (var (name, value) in parameters)
        {
            builder.Append(first ? " " : ", ").Append(name).Append('=');
            AppendQuoted(builder, value ?? "");
            first = false;
        }
        return builder.ToString();
    }

    // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; quoted-pair escapes " and \.
    // Control characters and non-ASCII are not allowed in a header value at all: they become '?'.
    private static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else
            {
                builder.Append(c is >= ' ' and <= '~' || c == '\t' ? c : '?');
            }
        }
        builder.Append('"');
    }

    // RFC 6750's narrower grammar has no quotes or backslashes at all, so they become apostrophes.
    private static string Rfc6750Text(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }
        return builder.ToString();
    }
}
