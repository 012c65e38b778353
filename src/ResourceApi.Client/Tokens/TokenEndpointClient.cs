using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResourceApi.Client.Settings;

namespace ResourceApi.Client.Tokens;

/// <summary>
/// Talks to the issuer: finds its token endpoint in the discovery document (cached by Duende's
/// <see cref="DiscoveryCache"/>, which also checks the issuer name and https), then asks for a token
/// with the configured client authentication, audience and scopes. Both go through the issuer's
/// HttpClient, whose resilience handler retries transient failures; the whole of it is bounded by
/// <c>IssuerTimeout</c>.
/// </summary>
public sealed partial class TokenEndpointClient : IDisposable
{
    public const string HttpClientName = "ResourceApiClient.Issuer";

    private readonly IHttpClientFactory _http;
    private readonly ResourceApiClientSettings _settings;
    private readonly DiscoveryCache _discovery;
    private readonly ClientAssertionKey? _assertionKey;
    private readonly ILogger<TokenEndpointClient> _logger;

    public TokenEndpointClient(IHttpClientFactory http, IOptions<ResourceApiClientSettings> settings, ILogger<TokenEndpointClient> logger)
    {
        _http = http;
        _settings = settings.Value;
        _logger = logger;
        _discovery = new DiscoveryCache(_settings.Authority!.AbsoluteUri, () => _http.CreateClient(HttpClientName));
        _assertionKey = _settings.UsesPrivateKey ? ClientAssertionKey.TryLoad(_settings, out _) : null;
    }

    /// <summary>The configured issuer, client, audience and scopes: what the cache keys tokens by.</summary>
    public TokenCacheKey DefaultKey => new(_settings.Authority!.AbsoluteUri, _settings.ClientId!, _settings.Audience ?? "",
        string.Join(' ', _settings.Scopes.Order(StringComparer.Ordinal)));

    /// <summary>Asks the issuer for a token for <paramref name="key"/>'s audience and scopes (its issuer and client are this one's).</summary>
    public async Task<TokenResponse> RequestTokenAsync(TokenCacheKey key, CancellationToken cancellationToken)
    {
        var authority = _settings.Authority!.AbsoluteUri;
        DiscoveryDocumentResponse discovery;
        try
        {
            // DiscoveryCache takes no cancellation token: bound the wait here instead.
            discovery = await _discovery.GetAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new TokenRequestException($"The issuer {authority} did not answer its discovery document within {_settings.IssuerTimeout:g}.", e);
        }
        if (discovery.IsError)
        {
            throw new TokenRequestException(discovery.ErrorType switch
            {
                ResponseErrorType.PolicyViolation => $"The discovery document of {authority} breaks the client's policy: {discovery.Error}. Check ResourceApiClient:Authority: it must be the issuer exactly as the issuer names itself.",
                ResponseErrorType.Http => $"The issuer {authority} answered its discovery document with HTTP {(int)discovery.HttpStatusCode}: {discovery.Error}",
                _ => $"The issuer {authority} could not be reached for its discovery document: {Describe(discovery.Exception) ?? discovery.Error}",
            }, discovery.Exception);
        }

        var request = new ClientCredentialsTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = _settings.ClientId!,
            ClientCredentialStyle = _settings.ClientAuthentication == ResourceApiClientSettings.ClientSecretBasic
                ? ClientCredentialStyle.AuthorizationHeader
                : ClientCredentialStyle.PostBody,
            Scope = key.Scopes.Length > 0 ? key.Scopes : null,
        };
        if (_assertionKey is not null)
        {
            // One assertion now, and a fresh one (new jti, iat, exp) for every attempt: ClientAssertionHandler.
            var assertionKey = _assertionKey;
            var (audience, type) = _settings.ClientAssertionAudience == "token_endpoint"
                ? (discovery.TokenEndpoint!, ClientAssertionKey.ClassicType)
                : (discovery.Issuer!, ClientAssertionKey.ExplicitType);
            ClientAssertion NewAssertion() => new()
            {
                Type = OidcConstants.ClientAssertionTypes.JwtBearer,
                Value = assertionKey.Sign(_settings.ClientId!, audience, type),
            };
            request.ClientAssertion = NewAssertion();
            request.ClientAssertionFactory = () => Task.FromResult(NewAssertion());
        }
        else
        {
            request.ClientSecret = _settings.ClientSecret;
        }
        if (key.Audience.Length > 0)
        {
            if (_settings.AudienceParameter == ResourceApiClientSettings.ResourceParameterName)
            {
                request.Resource.Add(key.Audience);
            }
            else
            {
                request.Parameters.Add(ResourceApiClientSettings.AudienceParameterName, key.Audience);
            }
        }

        var http = _http.CreateClient(HttpClientName);
        TokenResponse response;
        try
        {
            response = await http.RequestClientCredentialsTokenAsync(request, cancellationToken);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new TokenRequestException($"The issuer {authority} did not issue a token within {_settings.IssuerTimeout:g}.", e);
        }

        if (response.IsError)
        {
            // A refusal (bad credentials, unknown scope or audience) is an OAuth error body, on a 400 or
            // (invalid_client) a 401: retrying cannot help, so say exactly what it was.
            if (response.TryGet(OidcConstants.TokenResponse.Error) is { } error)
            {
                throw new TokenRequestException(
                    $"The issuer refused the token request for client '{_settings.ClientId}' ({_settings.ClientAuthentication}): {error}{(response.ErrorDescription is { } d ? $" ({d})" : "")}.")
                { Error = error };
            }
            throw response.ErrorType == ResponseErrorType.Http
                ? new TokenRequestException($"The token endpoint {discovery.TokenEndpoint} answered HTTP {(int)response.HttpStatusCode}: {response.Error}")
                : new TokenRequestException($"The token endpoint {discovery.TokenEndpoint} could not be reached: {Describe(response.Exception) ?? response.Error}", response.Exception);
        }

        // Fail closed: with DPoP on, a plain bearer token would be the very thing DPoP was turned on to avoid.
        if (_settings.Dpop.Enabled && !string.Equals(response.TokenType, OidcConstants.TokenResponse.DPoPTokenType, StringComparison.OrdinalIgnoreCase))
        {
            throw new TokenRequestException(
                $"The issuer {authority} answered token_type '{response.TokenType}', not DPoP: it does not bind tokens to this client's key (RFC 9449). Enable DPoP for client '{_settings.ClientId}' at the issuer, or set {ResourceApiClientSettings.SectionName}:Dpop:Enabled=false.");
        }

        LogIssued(_logger, _settings.ClientId!, discovery.TokenEndpoint!, _settings.ClientAuthentication, response.TokenType ?? "Bearer", response.ExpiresIn);
        return response;
    }

    // The innermost message says it best ("Connection refused", "The operation didn't complete within the allowed timeout").
    private static string? Describe(Exception? e) => e is null ? null : (e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message);

    public void Dispose() => _assertionKey?.Dispose();

    // Never the token, never the secret: who asked, where, how, and for how long it is good.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Got a new access token for {ClientId} from {TokenEndpoint} ({Method}), {TokenType}, valid for {ExpiresIn} s.")]
    private static partial void LogIssued(ILogger logger, string clientId, string tokenEndpoint, string method, string tokenType, int expiresIn);
}
