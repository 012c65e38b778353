namespace Company.ItemsApi.Items;

/// <summary>The scopes of this API, named once: endpoints, the RFC 9728 metadata and every 403 read them from the declarations.</summary>
public static class ItemScopes
{
    public const string Read = "read:items";

    public const string Write = "write:items";
}
