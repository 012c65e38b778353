using System.Collections.Concurrent;

namespace Company.ItemsApi.Items;

/// <summary>
/// Items in memory, for the template only: replace it with your database. Bounded, so a caller with
/// write:items cannot grow the process without limit.
/// </summary>
public sealed class ItemStore
{
    public const int MaxItems = 1_000;

    private readonly ConcurrentDictionary<Guid, Item> _items = new();

    public IReadOnlyList<Item> All() => [.. _items.Values.OrderBy(i => i.CreatedAt)];

    /// <returns>False when the store is full.</returns>
    public bool TryAdd(Item item)
    {
        if (_items.Count >= MaxItems)
        {
            return false;
        }
        return _items.TryAdd(item.Id, item);
    }
}
