using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ResourceApi.Tests.Infrastructure;

internal static class DiscoveryDocument
{
    /// <summary>The <c>token_endpoint</c> an issuer's discovery document names, read over HTTP as any client reads it.</summary>
    public static async Task<string> TokenEndpointAsync(string issuerBaseUrl)
    {
        using var http = new HttpClient();
        var discovery = await http.GetFromJsonAsync<JsonObject>(issuerBaseUrl.TrimEnd('/') + "/.well-known/openid-configuration");
        return discovery!["token_endpoint"]!.GetValue<string>();
    }
}
