namespace ResourceApi.Messages;

/// <summary>
/// The scopes the message endpoints need, named where they are mapped, and what each one allows, for the
/// Authorize dialog. Which scopes the API has is not listed here: it is read from the endpoints
/// (DeclaredScopes), so a scope exists exactly when an endpoint or a named policy needs it.
/// </summary>
public static class MessageScopes
{
    public const string Read = "read:messages";
    public const string Write = "write:messages";
    public const string Delete = "delete:messages";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Read] = "List and read messages",
        [Write] = "Post new messages",
        [Delete] = "Delete messages",
    };
}
