using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ResourceApi.AccessTokens;
using ResourceApi.ScopePolicies;

namespace Company.ItemsApi.Items;

public static class ItemEndpoints
{
    public const int MaxNameLength = 200;

    /// <summary>GET /api/items needs read:items, POST /api/items needs write:items; a token without it gets 403 insufficient_scope.</summary>
    public static RouteGroupBuilder MapItems(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/items").WithTags("Items");
        group.MapGet("/", ListItems).RequireScope(ItemScopes.Read);
        group.MapPost("/", CreateItem).RequireScope(ItemScopes.Write);
        return group;
    }

    private static Ok<IReadOnlyList<Item>> ListItems(ItemStore store) => TypedResults.Ok(store.All());

    private static Results<Created<Item>, ValidationProblem, ProblemHttpResult> CreateItem(NewItem item, ItemStore store, ClaimsPrincipal caller, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = [$"name is required, at most {MaxNameLength} characters."],
            });
        }
        var created = new Item(Guid.NewGuid(), item.Name, caller.FindFirstValue(AccessTokenClaims.ClientId) ?? "", time.GetUtcNow());
        if (!store.TryAdd(created))
        {
            return TypedResults.Problem($"The store holds at most {ItemStore.MaxItems} items.", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Created($"/api/items/{created.Id}", created);
    }
}
