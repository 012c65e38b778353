using System.Net;
using System.Text.Json;

namespace ResourceApi.Tests.Infrastructure;

/// <summary>Reads an RFC 6750 response: the WWW-Authenticate parameters and the Problem Details body.</summary>
public sealed record BearerResponse(HttpStatusCode Status, string? Challenge, IReadOnlyDictionary<string, string> Parameters, JsonElement Problem, string? ContentType)
{
    public static async Task<BearerResponse> ReadAsync(HttpResponseMessage response)
    {
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        var parameters = new Dictionary<string, string>();
        if (challenge?.Parameter is { } p)
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(p, "(\\w+)=\"([^\"]*)\""))
            {
                parameters[m.Groups[1].Value] = m.Groups[2].Value;
            }
        }

        var body = await response.Content.ReadAsStringAsync();
        var problem = body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default;
        return new BearerResponse(response.StatusCode, challenge?.ToString(), parameters, problem, response.Content.Headers.ContentType?.MediaType);
    }

    public string? Error => Parameters.GetValueOrDefault("error");

    public string? Description => Parameters.GetValueOrDefault("error_description");

    public string? ProblemString(string name) =>
        Problem.ValueKind == JsonValueKind.Object && Problem.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
