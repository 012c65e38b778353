using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;

namespace ResourceApi.Conformance.Checks;

/// <summary>
/// The kit's HTTP client for the API under test: no redirects, no cookies, a bounded body. It remembers every
/// token it sent and every answer it got, so one check can scan all answers for an echoed token.
/// </summary>
internal sealed class ApiProbe(ConformanceOptions options) : IDisposable
{
    private const int MaxBodyChars = 64 * 1024;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    private readonly ConcurrentQueue<string> _sentTokens = new();
    private readonly ConcurrentQueue<ProbeResponse> _answers = new();

    public IEnumerable<string> SentTokens => _sentTokens;

    public IEnumerable<ProbeResponse> Answers => _answers;

    /// <summary>GET the checked route with <c>Authorization: Bearer {token}</c> (none when null).</summary>
    public Task<ProbeResponse> GetAsync(string? token) =>
        SendAsync(HttpMethod.Get, options.Path, token is null ? null : "Bearer " + token, token);

    /// <summary>Sends any request; <paramref name="authorization"/> goes out as written, <paramref name="sentToken"/> is remembered.</summary>
    public async Task<ProbeResponse> SendAsync(HttpMethod method, string pathAndQuery, string? authorization, string? sentToken,
        string? jsonBody = null, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        if (sentToken is not null)
        {
            _sentTokens.Enqueue(sentToken);
        }
        using var request = new HttpRequestMessage(method, options.Url(pathAndQuery));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }
        ProbeResponse answer;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            answer = new ProbeResponse((int)response.StatusCode, Flatten(response.Headers, response.Content.Headers),
                [.. response.Headers.WwwAuthenticate.Select(h => h.ToString())], await ReadBoundedAsync(response, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            answer = new ProbeResponse(0, new Dictionary<string, string>(), [], "", e.GetType().Name + ": " + e.Message);
        }
        _answers.Enqueue(answer);
        return answer;
    }

    private static Dictionary<string, string> Flatten(HttpResponseHeaders headers, HttpContentHeaders content) =>
        headers.Concat(content).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }

    public void Dispose() => _http.Dispose();
}
