using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace EnterpriseDistrib.Agent.Enrollment;

/// <summary>
/// Keeps the per-agent credential at rest: on Windows encrypted with DPAPI for the account the service runs as;
/// elsewhere in an owner-only file (0600) inside an owner-only folder (0700). Written to a temporary name and
/// renamed, so a crash leaves the old credential or the new one, never a torn file.
/// </summary>
public sealed class CredentialStore
{
    /// <summary>Name of the owner-only folder under the data folder.</summary>
    public const string FolderName = "secrets";

    /// <summary>Name of the credential file inside it.</summary>
    public const string FileName = "credential";

    // DPAPI entropy: binds the blob to this purpose, so another DPAPI user of the same account cannot misuse it.
    private static readonly byte[] Entropy = "EnterpriseDistrib.Agent.Credential.v1"u8.ToArray();

    private readonly string _folder;

    public CredentialStore(string dataFolder) => _folder = Path.Combine(dataFolder, FolderName);

    /// <summary>Where the credential lives.</summary>
    public string FilePath => Path.Combine(_folder, FileName);

    /// <summary>Stores <paramref name="credential"/>, replacing any earlier one.</summary>
    public async Task SaveAsync(string credential, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        var plain = Encoding.UTF8.GetBytes(credential);
        var stored = OperatingSystem.IsWindows() ? Protect(plain) : plain;
        CreateFolder();
        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the first byte: no window in which the secret is readable by others.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await stream.WriteAsync(stored, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A leftover temporary from a crash keeps its old mode under FileMode.Create; set it again.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    /// <summary>The stored credential, or null when the agent is not enrolled.</summary>
    public async Task<string?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        var stored = await File.ReadAllBytesAsync(FilePath, cancellationToken);
        var plain = OperatingSystem.IsWindows() ? Unprotect(stored) : stored;
        var credential = Encoding.UTF8.GetString(plain).Trim();
        return credential.Length == 0 ? null : credential;
    }

    /// <summary>True when a credential is stored.</summary>
    public bool Exists => File.Exists(FilePath);

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_folder);
            return;
        }

        Directory.CreateDirectory(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // An existing folder keeps its mode under CreateDirectory; tighten it.
        File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [SupportedOSPlatform("windows")]
    private static byte[] Protect(byte[] plain) => ProtectedData.Protect(plain, Entropy, DataProtectionScope.CurrentUser);

    [SupportedOSPlatform("windows")]
    private static byte[] Unprotect(byte[] stored) => ProtectedData.Unprotect(stored, Entropy, DataProtectionScope.CurrentUser);
}
