using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The JwtBearer schemes this API trusts, one per issuer: every section under <c>Authentication:Schemes</c>.
/// The backbone of the access-token layer: key refresh, readiness entries, metric tags, log lines and the
/// documents that point callers at the issuers all iterate this one list, so no issuer is second-class.
/// </summary>
public sealed class TrustedSchemes
{
    /// <summary>Where each scheme's settings live: <c>Authentication:Schemes:{name}</c>, the framework's own convention.</summary>
    public const string SectionPath = "Authentication:Schemes";

    internal TrustedSchemes(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one trusted scheme is needed.", nameof(names));
        }
        Names = names;
    }

    /// <summary>
    /// Every section under <c>Authentication:Schemes</c> that holds a setting, <c>Bearer</c> (JwtBearer's default name) first when
    /// present, then the others in the order configuration lists them (by name). With none, <c>Bearer</c> alone, so that the start-up
    /// check names the setting to add.
    /// </summary>
    public static TrustedSchemes From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // A section counts when it holds a value: a key set to null (to remove a setting) leaves an empty one behind.
        var configured = configuration.GetSection(SectionPath).GetChildren()
            .Where(s => s.AsEnumerable().Any(setting => !string.IsNullOrEmpty(setting.Value))).Select(s => s.Key).ToList();
        var bearer = configured.Remove(JwtBearerDefaults.AuthenticationScheme) || configured.Count == 0;
        return new TrustedSchemes(bearer ? [JwtBearerDefaults.AuthenticationScheme, .. configured] : configured);
    }

    /// <summary>The scheme names, in order; the first answers requests that carry no token.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>More than one issuer: a forwarding scheme picks each request's by its token's <c>iss</c>.</summary>
    public bool AreSeveral => Names.Count > 1;

    /// <summary>The configuration path of <paramref name="scheme"/>'s settings, for messages that name the key to fix.</summary>
    public static string SectionOf(string scheme) => $"{SectionPath}:{scheme}";

    /// <summary>Every <c>aud</c> value some trusted scheme accepts, scheme by scheme in the order of <see cref="Names"/>.</summary>
    public IEnumerable<string> AcceptedAudiences(IOptionsMonitor<JwtBearerOptions> bearer)
    {
        ArgumentNullException.ThrowIfNull(bearer);
        return Names.SelectMany(name => bearer.Get(name).TokenValidationParameters.ValidAudiences ?? []);
    }
}
