using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ResourceApi.AccessTokens;

/// <summary>Builds a scheme's <see cref="SigningKeySource"/> with the scheme's bounds, its own HTTP client and the app's clock.</summary>
internal sealed class SigningKeySourceFactory(TimeProvider time, ILoggerFactory loggers, AuthenticationMetrics metrics)
{
    public SigningKeySource Create(string scheme, JwtBearerOptions options, AccessTokenOptions bounds, Func<string> metadataAddress)
    {
        // Connecting counts against the same timeout as the rest of a fetch (IssuerDocumentClient).
        var handler = options.BackchannelHttpHandler ?? new SocketsHttpHandler
        {
            ConnectTimeout = bounds.BackchannelTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxAutomaticRedirections = 3,
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = bounds.MaxMetadataBytes };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ResourceApi");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        return new SigningKeySource(scheme, metadataAddress, new IssuerDocumentClient(http, bounds.BackchannelTimeout, bounds.MaxMetadataBytes),
            bounds, time, loggers.CreateLogger<SigningKeySource>(), metrics);
    }
}
