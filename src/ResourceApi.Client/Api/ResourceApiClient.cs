using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ResourceApi.Client.Api;

/// <summary>
/// The API's endpoints as methods. Its HttpClient carries <see cref="BearerTokenHandler"/> (the token)
/// and the standard resilience handler (backoff on 5xx and timeouts), so each method is one request.
/// </summary>
public sealed class ResourceApiClient(HttpClient http)
{
    public async Task<Message> SendAsync(string text, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/messages", new { text }, cancellationToken);
        return await ReadAsync<Message>(response, cancellationToken);
    }

    public async Task<MessagePage> ListAsync(int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/messages?page={page}&pageSize={pageSize}", cancellationToken);
        return await ReadAsync<MessagePage>(response, cancellationToken);
    }

    public async Task<Caller> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/me", cancellationToken);
        return await ReadAsync<Caller>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new ApiCallException($"The API answered {(int)response.StatusCode} with an empty body.") { StatusCode = response.StatusCode };
        }

        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
        var challenge = BearerChallenge.From(response);
        if (response.StatusCode == HttpStatusCode.Forbidden && challenge?.Error == BearerChallenge.InsufficientScope)
        {
            throw new InsufficientScopeException(
                $"The API refused {request}: the token lacks the scope it needs ({challenge.Scope}). Grant the client that scope at the issuer; retrying will not help.")
            {
                StatusCode = response.StatusCode,
                RequiredScope = challenge.Scope,
            };
        }

        var detail = challenge?.Description ?? await ProblemDetailAsync(response, cancellationToken);
        throw new ApiCallException($"The API answered {request} with {(int)response.StatusCode} {response.ReasonPhrase}{(detail is null ? "" : $": {detail.TrimEnd('.')}")}.")
        {
            StatusCode = response.StatusCode,
        };
    }

    // RFC 9457 problem details: their "detail" (or "title") is the API's own words.
    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (problem.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["detail", "title"])
                {
                    if (problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // Not JSON: the status says enough.
        }
        return null;
    }
}
