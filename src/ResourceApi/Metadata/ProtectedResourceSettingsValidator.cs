using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ResourceApi.Metadata;

/// <summary>
/// Stops the app at start when a configured resource identifier has a shape a client cannot use: outside
/// Development an https URL (RFC 9728 §2) with a plain path and no query, fragment or user name. An empty
/// identifier, or one no accepted audience equals, only turns metadata off or makes it misleading, never
/// token validation: <see cref="ProtectedResourceStartupWarnings"/> says so at start instead. Messages name the key to set.
/// </summary>
internal sealed partial class ProtectedResourceSettingsValidator(IHostEnvironment environment) : IValidateOptions<ProtectedResourceSettings>
{
    private const string Key = ProtectedResourceSettings.IdentifierKey;

    public ValidateOptionsResult Validate(string? name, ProtectedResourceSettings options)
    {
        var errors = new List<string>();
        var development = environment.IsDevelopment();

        if (options.Identifier is { } identifier && ShapeProblem(identifier, development) is { } problem)
        {
            errors.Add($"{Key} {problem}; got '{identifier}'.");
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
