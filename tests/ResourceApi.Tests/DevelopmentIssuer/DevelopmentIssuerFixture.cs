using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>One API host with the development issuer, shared by every test in the <see cref="DevelopmentIssuerCollection"/>.</summary>
public sealed class DevelopmentIssuerFixture : IAsyncLifetime
{
    public const string Audience = "https://resource-api.example";

    // The demo clients from the repository's appsettings.Development.json, as a newcomer uses them.
    public static readonly IReadOnlyDictionary<string, (string Secret, string Scopes)> Clients = new Dictionary<string, (string, string)>
    {
        ["demo-reader"] = ("demo-reader-secret", "read:messages"),
        ["demo-writer"] = ("demo-writer-secret", "read:messages write:messages"),
        ["demo-admin"] = ("demo-admin-secret", "read:messages write:messages delete:messages"),
    };

    private readonly List<string> _folders = [];
    private readonly Lazy<Task<DevelopmentBesideAuth0>> _besideAuth0;

    public DevelopmentIssuerFixture() => _besideAuth0 = new(() => DevelopmentBesideAuth0.StartAsync(NewDataFolder()));

    public ApiHost Host { get; private set; } = null!;

    /// <summary>A second host: the development issuer beside an Auth0 tenant, started on first use and shared.</summary>
    public Task<DevelopmentBesideAuth0> BesideAuth0Async() => _besideAuth0.Value;

    public Task InitializeAsync()
    {
        Host = ApiHost.StartDevelopment(NewDataFolder());
        return Task.CompletedTask;
    }

    /// <summary>An empty folder for a host's keys and databases, deleted with the fixture.</summary>
    public string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"resourceapi-issuer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    /// <summary>A plain HTTP client for a host's real address (no test-server shortcut).</summary>
    public static HttpClient Client(ApiHost host, string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public HttpClient Client(string? token = null) => Client(Host, token);

    /// <summary>POST /oauth/token; secret in a Basic header (<c>client_secret_basic</c>) or in the form (<c>client_secret_post</c>).</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(ApiHost host, string clientId, string secret,
        bool basic = true, IReadOnlyDictionary<string, string>? extra = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token");
        if (basic)
        {
            // RFC 6749 §2.3.1: form-encode id and secret before base64.
            var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = clientId;
            form["client_secret"] = secret;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            form[key] = value;
        }
        request.Content = new FormUrlEncodedContent(form);

        using var client = Client(host);
        return await client.SendAsync(request);
    }

    public static async Task<string> TokenAsync(ApiHost host, string clientId, IReadOnlyDictionary<string, string>? extra = null)
    {
        using var response = await RequestTokenAsync(host, clientId, Clients[clientId].Secret, extra: extra);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<string> TokenAsync(string clientId, IReadOnlyDictionary<string, string>? extra = null) => TokenAsync(Host, clientId, extra);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_besideAuth0.IsValueCreated)
        {
            await (await _besideAuth0.Value).DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A host another test still holds; the temp folder is cleaned by the OS.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DevelopmentIssuerCollection : ICollectionFixture<DevelopmentIssuerFixture>
{
    public const string Name = "API with its built-in development issuer";
}
