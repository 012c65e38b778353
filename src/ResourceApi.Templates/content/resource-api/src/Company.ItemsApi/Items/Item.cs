namespace Company.ItemsApi.Items;

/// <summary>An item as the API returns it.</summary>
public sealed record Item(Guid Id, string Name, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>What a client posts to create an item.</summary>
public sealed record NewItem(string? Name);
