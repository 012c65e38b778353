using System.Text.Json;

namespace ResourceApi.Conformance.Checks;

/// <summary>RFC 9728 protected resource metadata, when the API serves it: optional, but right when there.</summary>
internal static class MetadataChecks
{
    private const string Family = "RFC 9728";
    private const string WellKnown = "/.well-known/oauth-protected-resource";

    public static IEnumerable<Check> All() =>
    [
        new("metadata-served", CheckLevel.Info, "RFC 9728 §3", Family,
            "The API serves protected resource metadata (optional; the checks below need it)", ServedAsync),
        new("metadata-resource", CheckLevel.Must, "RFC 9728 §3.3", Family,
            "Its resource is this API's identifier (the audience), exactly",
            ctx => Task.FromResult(WithMetadata(ctx, document =>
            {
                var resource = document.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                return Verdict.When(resource == ctx.Options.Audience, $"resource=\"{resource}\"");
            }))),
        new("metadata-authorization-servers", CheckLevel.Should, "RFC 9728 §2", Family,
            "Its authorization_servers lists the kit's issuer",
            ctx => Task.FromResult(WithMetadata(ctx, document =>
            {
                var servers = document.TryGetProperty("authorization_servers", out var a) && a.ValueKind == JsonValueKind.Array
                    ? a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                    : [];
                var found = servers.Any(s => s.TrimEnd('/') == ctx.Issuer.Issuer.TrimEnd('/'));
                return Verdict.When(found, $"authorization_servers=[{string.Join(", ", servers)}]");
            }))),
        new("challenge-resource-metadata", CheckLevel.Should, "RFC 9728 §5.1", Family,
            "401 challenges carry resource_metadata with the metadata's URL",
            ctx => Task.FromResult(WithMetadata(ctx, _ =>
            {
                var advertised = ctx.Anonymous?.Bearer?["resource_metadata"];
                return Verdict.When(advertised == MetadataUrlFor(ctx.Options.Audience), advertised is null ? "no resource_metadata" : $"resource_metadata=\"{advertised}\"");
            }))),
    ];

    /// <summary>Where RFC 9728 §3.1 puts the metadata of <paramref name="identifier"/>: the well-known suffix between host and path.</summary>
    public static string? MetadataUrlFor(string identifier) =>
        Uri.TryCreate(identifier, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri.GetLeftPart(UriPartial.Authority) + WellKnown + (uri.AbsolutePath == "/" ? "" : uri.AbsolutePath)
            : null;

    // Metadata that is served (or advertised) but unreadable fails every check that needs it.
    private static Verdict WithMetadata(CheckContext ctx, Func<JsonElement, Verdict> check) =>
        ctx.Metadata is { } document ? check(document)
        : ctx.MetadataUrl is not null ? Verdict.Fail($"{ctx.MetadataUrl} is not a readable metadata document")
        : Verdict.Skip("no metadata served");

    // The identifier's host need not resolve from here (the API may sit behind a name it does not have yet),
    // so the metadata is asked of the API's own address, at the path RFC 9728 derives from the identifier.
    private static async Task<Verdict> ServedAsync(CheckContext ctx)
    {
        var advertised = (await ctx.AnonymousAsync()).Bearer?["resource_metadata"];
        var url = advertised ?? MetadataUrlFor(ctx.Options.Audience);
        var pathAndQuery = url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : WellKnown;
        var answer = await ctx.Probe.SendAsync(HttpMethod.Get, pathAndQuery, null, null);
        if (answer.Status == 404 && advertised is null)
        {
            return Verdict.Skip($"{pathAndQuery}: 404, and challenges name none: not served");
        }
        ctx.MetadataUrl = url;
        if (answer.Status != 200 || answer.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Verdict.Fail($"{pathAndQuery}: {answer.Status} {answer.ContentType}");
        }
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Verdict.Fail($"{pathAndQuery}: not a JSON object");
            }
            ctx.Metadata = json.RootElement.Clone();
            return Verdict.Pass($"{pathAndQuery}: 200 {answer.ContentType}");
        }
        catch (JsonException)
        {
            return Verdict.Fail($"{pathAndQuery}: 200 but not JSON");
        }
    }
}
