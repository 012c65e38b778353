using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using ResourceApi.DevelopmentIssuer;
using ResourceApi.Metadata;

namespace ResourceApi.Development;

/// <summary>
/// In Development the resource identifier must be both reachable and accepted: a client derives the
/// metadata URL from it and checks <c>resource</c> against the URL it called (RFC 9728 §3.3), then asks
/// the issuer for a token for it (RFC 8707). So an unset <c>ProtectedResource:Identifier</c> is the first
/// address the app listens on (as the development issuer's URL is), and the identifier is an accepted
/// audience of the <c>Bearer</c> scheme, after the configured ones. Both are known only once the server
/// listens, so both are read when asked.
/// </summary>
internal sealed class DevelopmentResourceIdentifier(IServer server, IServiceProvider services)
    : IConfigureOptions<ProtectedResourceSettings>, IPostConfigureOptions<JwtBearerOptions>
{
    private ResourceIdentifier? _identifier;

    public void Configure(ProtectedResourceSettings options) =>
        options.DevelopmentDefault = () => ListeningAddress.FirstOrigin(server);

    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            var tvp = options.TokenValidationParameters;
            tvp.ValidAudiences = WithIdentifier([.. tvp.ValidAudiences ?? []]);
        }
    }

    // Enumerated at each validation: until the server listens (no request yet) the identifier may be unknown.
    private IEnumerable<string> WithIdentifier(string[] configured)
    {
        foreach (var audience in configured)
        {
            yield return audience;
        }
        // Resolved on first use: the identifier's settings are checked against these very options.
        _identifier ??= services.GetRequiredService<ResourceIdentifier>();
        if (_identifier.TryGetValue(out var identifier) && !configured.Contains(identifier, StringComparer.Ordinal))
        {
            yield return identifier;
        }
    }
}
