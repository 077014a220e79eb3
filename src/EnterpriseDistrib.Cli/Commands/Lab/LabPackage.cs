using EnterpriseDistrib.Cli.Terminal;

namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>The package the lab rolls out: a payload of random bytes and a small sh installer that checks it is there.</summary>
internal static class LabPackage
{
    public const string Name = "EnterpriseDistrib Lab";
    public const string Installer = "install.sh";
    private const string Payload = "payload.bin";
    private const int ChunkBytes = 4 * 1024 * 1024;

    /// <summary>The install spec the server stores (the same shape <c>edist publish</c> sends).</summary>
    public static object InstallSpec => new { kind = "Script", command = Installer, arguments = "", timeoutSeconds = 300, successExitCodes = new[] { 0 } };

    /// <summary>Writes the package into <paramref name="folder"/> (replacing what is there) and returns it.</summary>
    public static async Task<string> CreateAsync(string folder, long bytes, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, Installer),
            "#!/bin/sh\n# Installed by the EnterpriseDistrib lab: succeeds when the payload arrived whole.\nset -e\ncd \"$(dirname \"$0\")\"\ntest -s " + Payload + "\necho \"lab package installed\"\n",
            cancellationToken);

        var buffer = new byte[ChunkBytes];
        using var progress = new ProgressBar("Generating package", bytes);
        await using var payload = new FileStream(Path.Combine(folder, Payload), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        for (long written = 0; written < bytes;)
        {
            var length = (int)Math.Min(buffer.Length, bytes - written);
            Random.Shared.NextBytes(buffer.AsSpan(0, length));
            await payload.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            written += length;
            progress.Report(written);
        }

        return folder;
    }
}
