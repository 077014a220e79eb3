namespace EnterpriseDistrib.Cli.Terminal;

/// <summary>The number of bytes under a file or folder, for progress bars.</summary>
internal static class ContentSize
{
    public static long Of(string path)
    {
        if (File.Exists(path))
        {
            return new FileInfo(path).Length;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        return new DirectoryInfo(path).EnumerateFiles("*", options).Sum(file => file.Length);
    }
}
