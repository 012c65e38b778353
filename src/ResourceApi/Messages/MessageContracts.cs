namespace ResourceApi.Messages;

/// <summary>A new message.</summary>
/// <param name="Text">1 to 500 characters, not only white space.</param>
public sealed record CreateMessageRequest(string? Text);

/// <summary>A stored message.</summary>
public sealed record MessageResponse(Guid Id, string Text, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static MessageResponse From(Message m) => new(m.Id, m.Text, m.CreatedBy, m.CreatedAt);
}

/// <summary>One page of messages, newest first.</summary>
public sealed record MessagePage(IReadOnlyList<MessageResponse> Items, int Page, int PageSize, int TotalCount);
