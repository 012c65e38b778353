namespace ResourceApi.ScopePolicies;

/// <summary>What one scope is: an RFC 6749 §3.3 <c>scope-token</c>, the same for a declared and a granted scope.</summary>
internal static class ScopeToken
{
    /// <summary><c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>: printable ASCII but space, <c>"</c> and <c>\</c>.</summary>
    public static bool IsValid(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c < '!' || c > '~' || c == '"' || c == '\\')
            {
                return false;
            }
        }
        return true;
    }
}
