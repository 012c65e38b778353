using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Fetches the discovery document and then the JWKS it names, with a bound on everything an issuer
/// (or whatever answers in its place) controls: one timeout for both requests together, a size limit on
/// each body, JSON only, and a JWKS that must hold at least one usable signing key.
/// </summary>
internal sealed class IssuerDocumentClient(HttpClient http, TimeSpan timeout, int maxBytes)
{
    /// <exception cref="IssuerFetchException">The issuer could not be read, or what it sent is unusable.</exception>
    public async Task<OpenIdConnectConfiguration> FetchAsync(string metadataAddress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var discovery = await GetJsonAsync(metadataAddress, "discovery document", deadline.Token);
            var configuration = Parse(() => OpenIdConnectConfiguration.Create(discovery), $"The discovery document at {metadataAddress} is not valid OpenID metadata JSON.");
            if (string.IsNullOrWhiteSpace(configuration.Issuer))
            {
                throw new IssuerFetchException($"The discovery document at {metadataAddress} has no issuer.");
            }
            if (!Uri.TryCreate(configuration.JwksUri, UriKind.Absolute, out var jwksUri)
                || !(jwksUri.Scheme == Uri.UriSchemeHttps || (jwksUri.Scheme == Uri.UriSchemeHttp && jwksUri.IsLoopback)))
            {
                throw new IssuerFetchException($"The discovery document at {metadataAddress} has no https jwks_uri.");
            }

            var jwks = await GetJsonAsync(jwksUri.AbsoluteUri, "JWKS", deadline.Token);
            var keySet = Parse(() => new JsonWebKeySet(jwks), $"The JWKS at {jwksUri} is not a valid JSON Web Key Set.");
            configuration.JsonWebKeySet = keySet;
            foreach (var key in JwksSigningKeys.Of(keySet))
            {
                configuration.SigningKeys.Add(key);
            }
            if (configuration.SigningKeys.Count == 0)
            {
                throw new IssuerFetchException($"The JWKS at {jwksUri} holds no signing key this API can use.");
            }
            return configuration;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IssuerFetchException($"The issuer at {metadataAddress} did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            throw new IssuerFetchException($"The issuer at {metadataAddress} could not be reached ({e.HttpRequestError}).");
        }
    }

    private static T Parse<T>(Func<T> parse, string failure)
    {
        try
        {
            return parse();
        }
#pragma warning disable CA1031 // The parsers throw several types for bad input; every one means the same: unusable.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            throw new IssuerFetchException(failure);
        }
    }

    private async Task<string> GetJsonAsync(string url, string what, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new IssuerFetchException($"The issuer answered {(int)response.StatusCode} for its {what} ({url}).");
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new IssuerFetchException($"The issuer's {what} ({url}) is {mediaType ?? "of no stated type"}, not JSON.");
        }
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new IssuerFetchException($"The issuer's {what} ({url}) is larger than {maxBytes} bytes.");
        }

        // Read at most one byte past the limit: a body without Content-Length is bounded the same way.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= maxBytes && (read = await body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }
            if (length > maxBytes)
            {
                throw new IssuerFetchException($"The issuer's {what} ({url}) is larger than {maxBytes} bytes.");
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
