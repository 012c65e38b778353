using System.Text.Json;

namespace ResourceApi.Tests.Messages;

/// <summary>Reads a page of <c>GET /api/messages</c> the way the tests compare it.</summary>
internal static class PageTexts
{
    /// <summary>The texts of the page's items, in the order listed.</summary>
    public static List<string?> Of(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
}
