namespace ResourceApi.Scopes;

/// <summary>
/// The names endpoints use where they are mapped, and what each one allows, for the Authorize dialog.
/// Which scopes the API has is not listed here: it is read from the endpoints (DeclaredScopes), so a
/// scope exists exactly when an endpoint or a named policy needs it.
/// </summary>
public static class ApiScopes
{
    public const string ReadMessages = "read:messages";
    public const string WriteMessages = "write:messages";
    public const string DeleteMessages = "delete:messages";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ReadMessages] = "List and read messages",
        [WriteMessages] = "Post new messages",
        [DeleteMessages] = "Delete messages",
    };
}
