using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication.Issuers;

/// <summary>The bearer schemes this API trusts, one per issuer, in configuration order; <c>Bearer</c> first.</summary>
public sealed class TrustedIssuerSchemes(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>More than one issuer: a forwarding scheme picks each request's by its token's <c>iss</c>.</summary>
    public bool AreSeveral => Names.Count > 1;

    /// <summary>Every <c>aud</c> value some trusted scheme accepts, scheme by scheme in the order of <see cref="Names"/>.</summary>
    public IEnumerable<string> AcceptedAudiences(IOptionsMonitor<JwtBearerOptions> bearer) =>
        Names.SelectMany(name => bearer.Get(name).TokenValidationParameters.ValidAudiences ?? []);
}
