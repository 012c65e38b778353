using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;

namespace ResourceApi.Metadata;

/// <summary>
/// Stops the app at start when the resource identifier cannot be honest: outside Development it must be
/// an https URL (RFC 9728 §2) that the API accepts as a token's <c>aud</c>, or a client that asks for a
/// token for it (RFC 8707) gets one the API refuses. Messages name the key to set.
/// </summary>
internal sealed partial class ProtectedResourceSettingsValidator(IHostEnvironment environment, TrustedSchemes schemes, IOptionsMonitor<JwtBearerOptions> bearer)
    : IValidateOptions<ProtectedResourceSettings>
{
    private const string Key = ProtectedResourceSettings.SectionName + ":" + nameof(ProtectedResourceSettings.Identifier);
    private const string Audiences = "Authentication:Schemes:Bearer:ValidAudiences";

    public ValidateOptionsResult Validate(string? name, ProtectedResourceSettings options)
    {
        var errors = new List<string>();
        var development = environment.IsDevelopment();

        if (options.Identifier is not { } identifier)
        {
            if (!development)
            {
                errors.Add($"{Key} is empty and no audience the API accepts is an https URL to take it from. Set {Key} (environment: ProtectedResource__Identifier) "
                    + $"to this API's https URL, e.g. https://api.example.com, and add the same value to {Audiences} (e.g. ValidAudiences:1) so tokens issued for it are accepted.");
            }
        }
        else if (ShapeProblem(identifier, development) is { } problem)
        {
            errors.Add($"{Key} {problem}; got '{identifier}'.");
        }
        else if (!development && !schemes.AcceptedAudiences(bearer).Contains(identifier, StringComparer.Ordinal))
        {
            // In Development the identifier is made an accepted audience (Development/DevelopmentResourceIdentifier).
            errors.Add($"{Key} is '{identifier}', which is not an audience the API accepts, so a token a client gets for it (RFC 8707 resource) would be refused. "
                + $"Add it to {Audiences} (or to the ValidAudiences of the issuer that issues it), or set {Key} to one of the accepted audiences: {string.Join(", ", schemes.AcceptedAudiences(bearer))}.");
        }

        if (options.MetadataMaxAge < TimeSpan.Zero || options.MetadataMaxAge > ProtectedResourceSettings.MaxMetadataMaxAge)
        {
            errors.Add($"{ProtectedResourceSettings.SectionName}:MetadataMaxAge must be between 00:00:00 and {ProtectedResourceSettings.MaxMetadataMaxAge:c}; got {options.MetadataMaxAge:c}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // What a client derives the well-known URL from and compares resource with: a plain URL whose path
    // can be inserted after /.well-known/oauth-protected-resource as it is written (RFC 9728 §3.1).
    private static string? ShapeProblem(string identifier, bool development)
    {
        if (!Uri.TryCreate(identifier, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute https URL such as https://api.example.com (RFC 9728 §2)";
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !(development && uri.IsLoopback))
        {
            return development
                ? "may use http only on a loopback host (localhost, 127.0.0.1); elsewhere it must be https"
                : "must use https (RFC 9728 §2); http is only accepted in Development, on a loopback host";
        }
        if (uri.UserInfo.Length > 0 || identifier.Contains('?', StringComparison.Ordinal) || identifier.Contains('#', StringComparison.Ordinal))
        {
            return "must have no user name, query or fragment: only a scheme, host, optional port and path";
        }
        var path = ResourceIdentifier.PathOf(identifier);
        if (!PlainPath().IsMatch(path) || (path.Length > 0 && path != uri.AbsolutePath))
        {
            return "may have a path of letters, digits, '-', '.', '_', '~' and '/' only, with no '.' or '..' segment";
        }
        return null;
    }

    [GeneratedRegex(@"^(/[A-Za-z0-9._~-]+)*/?$")]
    private static partial Regex PlainPath();
}
