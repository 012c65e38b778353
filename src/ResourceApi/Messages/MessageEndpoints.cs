using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ResourceApi.ScopePolicies;
using ResourceApi.OpenApi;

namespace ResourceApi.Messages;

public static class MessageEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/messages").WithTags("Messages")
            .WithMetadata(new ScopeDescriptions(MessageScopes.Descriptions));

        // Pages come from the output cache until the next write; authorization still runs first on every request.
        group.MapGet("/", ListMessages).WithName("ListMessages").RequireScope(MessageScopes.Read)
            .CacheOutput(MessageListCache.PolicyName);
        group.MapGet("/{id:guid}", GetMessage).WithName("GetMessage").RequireScope(MessageScopes.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateMessage).WithName("CreateMessage").RequireScope(MessageScopes.Write);
        group.MapDelete("/{id:guid}", DeleteMessage).WithName("DeleteMessage").RequireScope(MessageScopes.Delete)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary>Lists messages, newest first.</summary>
    /// <param name="page">1-based page number.</param>
    /// <param name="pageSize">Messages per page, 1 to 100.</param>
    /// <param name="db">The message store.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<MessagePage>, ValidationProblem>> ListMessages(
        ResourceDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A page past the end (or one whose offset would overflow) is empty without a query.
        var skip = (long)(page - 1) * pageSize;
        var items = new List<MessageResponse>(pageSize);
        var total = 0;
        if (skip <= int.MaxValue)
        {
            await foreach (var row in db.Queries.PageWithTotal(db, (int)skip, pageSize).WithCancellation(cancellationToken))
            {
                items.Add(row.Message);
                total = row.Total;
            }
        }
        // No row, so no total: an empty table, or a page past the end.
        if (items.Count == 0)
        {
            total = await db.Queries.Count(db, cancellationToken);
        }

        return TypedResults.Ok(new MessagePage(items, page, pageSize, total));
    }

    /// <summary>Reads one message.</summary>
    internal static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> GetMessage(
        Guid id, ResourceDbContext db, CancellationToken cancellationToken)
    {
        var message = await db.Queries.ById(db, id, cancellationToken);
        return message is null ? NotFound(id) : TypedResults.Ok(message);
    }

    /// <summary>Posts a message, recorded under the calling client's id.</summary>
    internal static async Task<Results<Created<MessageResponse>, ValidationProblem>> CreateMessage(
        CreateMessageRequest request, HttpContext context, ResourceDbContext db, IMessageListGeneration listGeneration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["text is required."] });
        }
        if (text.Length > Message.MaxTextLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"text must be at most {Message.MaxTextLength} characters."] });
        }

        var message = new Message
        {
            Id = Guid.CreateVersion7(),
            Text = text,
            // Only an issuer that sends none of client_id, azp, appid and sub leaves this unknown.
            CreatedBy = context.User.GetClientId() ?? "(unknown client)",
            CreatedAt = clock.GetUtcNow(),
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        await listGeneration.AdvanceAsync();

        return TypedResults.Created($"/api/messages/{message.Id}", MessageResponse.From(message));
    }

    /// <summary>Deletes a message.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteMessage(
        Guid id, ResourceDbContext db, IMessageListGeneration listGeneration, CancellationToken cancellationToken)
    {
        var deleted = await db.Messages.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            await listGeneration.AdvanceAsync();
        }
        return deleted == 0 ? NotFound(id) : TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No message with id {id}.");
}
