namespace ResourceApi.Scopes;

/// <summary>
/// Every scope this API understands, in one place. Endpoints name these where they are mapped;
/// OpenAPI, the development issuer and the docs read the descriptions from here.
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
