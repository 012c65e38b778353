using Microsoft.EntityFrameworkCore;
using ResourceApi.Data;

namespace ResourceApi.Messages;

/// <summary>
/// The read queries, compiled once: a request skips translating the LINQ tree and looking it up in EF's
/// query cache, and reads straight into the response contract (no entity, no tracking).
/// </summary>
// The CancellationToken parameters are how EF hands the request-aborted token to a compiled async query.
internal static class MessageQueries
{
    public static readonly Func<ResourceDbContext, CancellationToken, Task<int>> Count =
        EF.CompileAsyncQuery((ResourceDbContext db, CancellationToken _) => db.Messages.Count());

    /// <summary>Newest first; the id breaks ties between messages posted in the same tick.</summary>
    public static readonly Func<ResourceDbContext, int, int, IAsyncEnumerable<MessageResponse>> Page =
        EF.CompileAsyncQuery((ResourceDbContext db, int skip, int take) => db.Messages
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(skip).Take(take)
            .Select(m => new MessageResponse(m.Id, m.Text, m.CreatedBy, m.CreatedAt)));

    public static readonly Func<ResourceDbContext, Guid, CancellationToken, Task<MessageResponse?>> ById =
        EF.CompileAsyncQuery<ResourceDbContext, Guid, MessageResponse?>((db, id, _) => db.Messages
            .Where(m => m.Id == id)
            .Select(m => new MessageResponse(m.Id, m.Text, m.CreatedBy, m.CreatedAt))
            .FirstOrDefault());
}
