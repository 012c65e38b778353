using System.Collections.Generic;
using System.Text;

namespace ResourceApi.BearerErrors;

/// <summary>
/// The one place a <c>WWW-Authenticate</c> value is formatted, for the <c>Bearer</c> scheme (RFC 6750) and the
/// <c>DPoP</c> scheme (RFC 9449 §7.1). Safe for any input: every
/// parameter is an RFC 7235 quoted-string, and characters a header cannot carry are replaced, so a
/// description from anywhere can neither break the header nor make the server refuse to send it.
/// </summary>
public static class BearerChallenge
{
    /// <summary>
    /// The challenges for <paramref name="error"/> in one header value, e.g. <c>Bearer error="insufficient_scope", error_description="...", scope="read:messages"</c>
    /// or <c>Bearer, DPoP algs="ES256 PS256"</c>.
    /// </summary>
    public static string Format(BearerError error, string? resourceMetadataUrl = null) => string.Join(", ", Challenges(error, resourceMetadataUrl));

    /// <summary>
    /// Each challenge for <paramref name="error"/>, one per scheme, to be sent as separate <c>WWW-Authenticate</c> fields:
    /// the one of <see cref="BearerError.Scheme"/>, carrying the error, then a bare <c>DPoP algs="..."</c> when DPoP is
    /// also offered.
    /// </summary>
    public static IReadOnlyList<string> Challenges(BearerError error, string? resourceMetadataUrl = null)
    {
        System.ArgumentNullException.ThrowIfNull(error);
        var challenges = new List<string> { Format(error.Scheme, Parameters(error, error.Scheme, resourceMetadataUrl)) };
        if (error.DpopAlgorithms is not null && error.Scheme != BearerError.DpopScheme)
        {
            challenges.Add(Format(BearerError.DpopScheme, Parameters(error with { Code = null, RequiredScopes = [] }, BearerError.DpopScheme, resourceMetadataUrl)));
        }
        return challenges;
    }

    private static List<KeyValuePair<string, string>> Parameters(BearerError error, string scheme, string? resourceMetadataUrl)
    {
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
        if (scheme == BearerError.DpopScheme && error.DpopAlgorithms is { Count: > 0 } algorithms)
        {
            // RFC 9449 §7.1: the JWS algorithms the server accepts in proofs, space-delimited.
            parameters.Add(new("algs", Rfc6750Text(string.Join(' ', algorithms))));
        }
        if (!string.IsNullOrEmpty(resourceMetadataUrl))
        {
            parameters.Add(new("resource_metadata", resourceMetadataUrl));
        }
        return parameters;
    }

    /// <summary><c>Bearer</c> followed by <c>name="value"</c> pairs, each value quoted per RFC 7235 §2.1.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> parameters) => Format(BearerError.BearerScheme, parameters);

    /// <summary><paramref name="scheme"/> followed by <c>name="value"</c> pairs, each value quoted per RFC 7235 §2.1.</summary>
    public static string Format(string scheme, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        System.ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder(scheme);
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
