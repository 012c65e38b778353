using System.Text.Json;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The signing keys on disk, newest first: private keys in PKCS#8 PEM. A development convenience
/// only; a real issuer keeps its keys in a vault or HSM.
/// </summary>
internal sealed record SigningKeyFile(List<StoredSigningKey> Keys)
{
    public const string FileName = "development-issuer-signing-keys.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SigningKeyFile Read(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<SigningKeyFile>(File.ReadAllText(path), Json) ?? new([])
            : new([]);

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        // Private keys: readable by the owner only, where the file system can say so.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, path, overwrite: true);
    }
}

internal sealed record StoredSigningKey(string Kid, string Algorithm, DateTimeOffset Created, string PrivateKeyPem);
