namespace ResourceApi.Messages;

public sealed class Message
{
    public const int MaxTextLength = 500;

    public Guid Id { get; init; }

    public required string Text { get; init; }

    /// <summary>The OAuth client that posted it.</summary>
    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
