using EnterpriseDistrib.Server.Hosting;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>Where the passkey HMAC key comes from: <c>Tracker:PasskeyKey</c>, or on a single box a key generated once into the data folder.</summary>
internal static class PasskeyKeySource
{
    public static byte[] Load(TrackerOptions options, ClusteringSettings clustering)
    {
        if (!string.IsNullOrWhiteSpace(options.PasskeyKey))
        {
            return Decode(options.PasskeyKey, "Tracker:PasskeyKey");
        }

        if (clustering.Clustering != ClusteringMode.Localhost)
        {
            // Every silo must accept every passkey: a key generated per silo would refuse agents at random.
            throw new ServerConfigurationException(
                "Tracker:PasskeyKey must be set when several silos run (the same base64 key of at least 32 bytes on each); generate one with 'openssl rand -base64 32'.");
        }

        var path = Path.GetFullPath(options.PasskeyKeyFile);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: false);
        return key;
    }

    private static byte[] Decode(string text, string where)
    {
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length) || length < 32)
        {
            throw new ServerConfigurationException($"The passkey key in {where} must be base64 of at least 32 random bytes.");
        }

        return buffer[..length];
    }
}
