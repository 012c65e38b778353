using Microsoft.EntityFrameworkCore;

namespace ResourceApi.Messages;

/// <summary>
/// The read queries, compiled once per database provider: a request skips translating the LINQ tree and
/// looking it up in EF's query cache, and reads straight into the response contract (no entity, no
/// tracking). A compiled query belongs to the model it was first run with, and each provider has its own
/// model, so each context type keeps an instance of its own (<see cref="ResourceDbContext.Queries"/>).
/// </summary>
// The CancellationToken parameters are how EF hands the request-aborted token to a compiled async query.
internal sealed class MessageQueries
{
    public readonly Func<ResourceDbContext, CancellationToken, Task<int>> Count =
        EF.CompileAsyncQuery((ResourceDbContext db, CancellationToken _) => db.Messages.Count());

    /// <summary>
    /// A page, newest first (the id breaks ties between messages posted in the same tick), each row with the
    /// table's total count: one statement instead of a count and a page, since SQLite evaluates the
    /// uncorrelated count subquery once per statement. A page past the end has no row to carry the total,
    /// so the caller asks <see cref="Count"/> then.
    /// </summary>
    public readonly Func<ResourceDbContext, int, int, IAsyncEnumerable<PageRow>> PageWithTotal =
        EF.CompileAsyncQuery((ResourceDbContext db, int skip, int take) => db.Messages
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(skip).Take(take)
            .Select(m => new PageRow(new MessageResponse(m.Id, m.Text, m.CreatedBy, m.CreatedAt), db.Messages.Count())));

    public readonly Func<ResourceDbContext, Guid, CancellationToken, Task<MessageResponse?>> ById =
        EF.CompileAsyncQuery<ResourceDbContext, Guid, MessageResponse?>((db, id, _) => db.Messages
            .Where(m => m.Id == id)
            .Select(m => new MessageResponse(m.Id, m.Text, m.CreatedBy, m.CreatedAt))
            .FirstOrDefault());
}

/// <summary>A message of a page, and how many messages there are in all.</summary>
internal sealed record PageRow(MessageResponse Message, int Total);
