namespace ResourceApi.Conformance.Checks;

/// <summary>One challenge of a <c>WWW-Authenticate</c> header (RFC 9110 §11.6.1): its scheme and its parameters.</summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every challenge in the header values, in order; tolerant of what a broken server sends.</summary>
    public static IReadOnlyList<AuthChallenge> Parse(IEnumerable<string> headerValues)
    {
        var challenges = new List<AuthChallenge>();
        foreach (var value in headerValues)
        {
            Dictionary<string, string>? current = null;
            var i = 0;
            while (i < value.Length)
            {
                while (i < value.Length && (value[i] == ' ' || value[i] == ',' || value[i] == '\t'))
                {
                    i++;
                }
                var start = i;
                while (i < value.Length && value[i] is not (' ' or ',' or '=' or '\t'))
                {
                    i++;
                }
                var token = value[start..i];
                var j = i;
                while (j < value.Length && value[j] == ' ')
                {
                    j++;
                }
                if (j < value.Length && value[j] == '=' && current is not null && token.Length > 0)
                {
                    i = j + 1;
                    while (i < value.Length && value[i] == ' ')
                    {
                        i++;
                    }
                    current[token.ToLowerInvariant()] = ReadValue(value, ref i);
                }
                else if (token.Length > 0)
                {
                    current = new Dictionary<string, string>(StringComparer.Ordinal);
                    challenges.Add(new AuthChallenge(token, current));
                }
                else
                {
                    i = Math.Max(i, j) + 1;
                }
            }
        }
        return challenges;
    }

    private static string ReadValue(string value, ref int i)
    {
        if (i < value.Length && value[i] == '"')
        {
            var text = new System.Text.StringBuilder();
            i++;
            while (i < value.Length && value[i] != '"')
            {
                if (value[i] == '\\' && i + 1 < value.Length)
                {
                    i++;
                }
                text.Append(value[i]);
                i++;
            }
            i++;
            return text.ToString();
        }
        var start = i;
        while (i < value.Length && value[i] is not (' ' or ','))
        {
            i++;
        }
        return value[start..i];
    }
}
