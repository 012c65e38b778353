using System.Text.Json;
using Microsoft.Extensions.Options;
using ResourceApi.Client.Settings;

namespace ResourceApi.Client.Configuration;

/// <summary>
/// With no <c>ResourceApiClient:Authority</c>, the issuer is the one the API names in its RFC 9728 metadata
/// (<c>authorization_servers</c>), read once at start from <c>/.well-known/oauth-protected-resource</c> under
/// <c>ApiBaseUrl</c>, as an RFC 9728 client does. So <c>localhost</c> and <c>127.0.0.1</c> both work against the
/// development issuer, whose name is the address the API listens on. The client's credentials go to that issuer:
/// it must be https (http on loopback only), and a configured Authority always wins.
/// </summary>
internal sealed class AuthorityFromResourceMetadata(IHttpClientFactory http) : IPostConfigureOptions<ResourceApiClientSettings>
{
    private const string Section = ResourceApiClientSettings.SectionName;
    private const string WellKnown = "/.well-known/oauth-protected-resource";

    public void PostConfigure(string? name, ResourceApiClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Authority is not null || settings.ApiBaseUrl is not { IsAbsoluteUri: true } api)
        {
            return; // configured, or nothing to ask: the validator names what is missing
        }

        // RFC 9728 §3.1: the well-known suffix between the host and the resource's path.
        var metadataUrl = new Uri(api.GetLeftPart(UriPartial.Authority) + WellKnown + api.AbsolutePath.TrimEnd('/'));
        try
        {
            settings.Authority = ReadAuthorizationServer(metadataUrl, settings.IssuerTimeout);
        }
        catch (InvalidOperationException e)
        {
            // Reported as the other settings that cannot work are: at start, naming the key.
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(ResourceApiClientSettings), [e.Message]);
        }
    }

    // Start-up, before any call: a synchronous read, bounded by IssuerTimeout.
    private Uri ReadAuthorizationServer(Uri metadataUrl, TimeSpan timeout)
    {
        string Fail(string why) => $"{Section}:Authority is empty and the API's RFC 9728 metadata at {metadataUrl} {why}. "
            + $"Set {Section}:Authority to the issuer (e.g. https://YOUR_TENANT.auth0.com/), or check {Section}:ApiBaseUrl.";

        using var client = http.CreateClient();
        client.Timeout = timeout;
        JsonElement metadata;
        try
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, metadataUrl));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(Fail($"answered {(int)response.StatusCode}"));
            }
            using var body = response.Content.ReadAsStream();
            metadata = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            throw new InvalidOperationException(Fail($"could not be read ({e.Message})"), e);
        }

        var servers = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("authorization_servers", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToArray()
            : [];
        if (servers.Length == 0 || !Uri.TryCreate(servers[0], UriKind.Absolute, out var issuer))
        {
            throw new InvalidOperationException(Fail("names no authorization server"));
        }
        if (issuer.Scheme != Uri.UriSchemeHttps && !(issuer.Scheme == Uri.UriSchemeHttp && issuer.IsLoopback))
        {
            throw new InvalidOperationException(Fail($"names {issuer}, which is neither https nor on loopback: the client's credentials would travel in clear"));
        }
        return issuer;
    }
}
