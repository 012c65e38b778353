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

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public void Write(string path)
    {
        // Private keys: owner-only from the first byte (created with that mode, never tightened
        // afterwards), in an owner-only folder, where the file system can say so.
        var folder = Path.GetDirectoryName(path)!;
        var temp = path + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder, FolderMode);
            File.SetUnixFileMode(folder, FolderMode);
            options.UnixCreateMode = FileMode;
        }
        else
        {
            Directory.CreateDirectory(folder);
        }
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }
        File.Move(temp, path, overwrite: true);
    }
}

internal sealed record StoredSigningKey(string Kid, string Algorithm, DateTimeOffset Created, string PrivateKeyPem);
