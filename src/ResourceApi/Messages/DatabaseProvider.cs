namespace ResourceApi.Messages;

/// <summary>Where the messages are kept: <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>A file beside the app: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by every replica.</summary>
    PostgreSQL,
}
