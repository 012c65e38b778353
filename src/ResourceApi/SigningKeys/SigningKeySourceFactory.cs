using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.Authentication;
using ResourceApi.Telemetry;

namespace ResourceApi.SigningKeys;

/// <summary>Builds a scheme's <see cref="SigningKeySource"/> with the scheme's bounds, its own HTTP client and the app's clock.</summary>
public sealed class SigningKeySourceFactory(IOptionsMonitor<AccessTokenOptions> accessTokenOptions, TimeProvider time, ILoggerFactory loggers, AuthenticationMetrics metrics)
{
    // fetchTimeout replaces BackchannelTimeout; only for the in-process development issuer.
    internal SigningKeySource Create(string scheme, JwtBearerOptions options, Func<string> metadataAddress, TimeSpan? fetchTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bounds = accessTokenOptions.Get(scheme);
        var timeout = fetchTimeout ?? bounds.BackchannelTimeout;

        // Connecting counts against the same timeout as the rest of a fetch (IssuerDocumentClient).
        var handler = options.BackchannelHttpHandler ?? new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxAutomaticRedirections = 3,
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = bounds.MaxMetadataBytes };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ResourceApi");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        return new SigningKeySource(scheme, metadataAddress, new IssuerDocumentClient(http, timeout, bounds.MaxMetadataBytes),
            bounds, timeout, time, loggers.CreateLogger<SigningKeySource>(), metrics);
    }
}
