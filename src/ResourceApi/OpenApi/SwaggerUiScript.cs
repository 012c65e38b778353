using System.Text.Json;

namespace ResourceApi.OpenApi;

/// <summary>
/// Swagger UI's JavaScript, kept in <c>.js</c> files beside the C# that hands it to Swagger UI and embedded
/// in the assembly (ResourceApi.csproj), so it reads, diffs and lints as JavaScript.
/// </summary>
internal static class SwaggerUiScript
{
    /// <summary>
    /// The script <paramref name="fileName"/> embedded from <paramref name="owner"/>'s folder, each placeholder
    /// replaced by its value as a JavaScript string literal: names the C# owns are written once, in C#.
    /// </summary>
    public static string Read(Type owner, string fileName, params ReadOnlySpan<(string Placeholder, string Value)> values)
    {
        using var stream = owner.Assembly.GetManifestResourceStream(owner, fileName)
            ?? throw new InvalidOperationException($"{owner.Namespace}.{fileName} is not embedded: list it as an EmbeddedResource in ResourceApi.csproj.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        foreach (var (placeholder, value) in values)
        {
            // A placeholder the script no longer has would drop the value without a word: fail at start instead.
            if (!script.Contains(placeholder, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{fileName} has no {placeholder} for the value '{value}'.");
            }
            script = script.Replace(placeholder, JsonSerializer.Serialize(value), StringComparison.Ordinal);
        }
        return script;
    }
}
