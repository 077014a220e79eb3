namespace EnterpriseDistrib.Torrent.Tests.Hashing;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("edist-test-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file of <paramref name="length"/> seeded pseudo-random bytes and returns its full path.</summary>
    public string WriteFile(string relativePath, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return WriteFile(relativePath, bytes);
    }

    public string WriteFile(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a test that failed may still hold a handle.
        }
    }
}
