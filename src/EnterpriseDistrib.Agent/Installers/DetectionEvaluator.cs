using System.Diagnostics;
using System.Globalization;
using Microsoft.Win32;

namespace EnterpriseDistrib.Agent.Installers;

/// <summary>
/// Checks a <see cref="DetectionRule"/> on this endpoint. File rules work everywhere; registry and MSI rules only on
/// Windows, and elsewhere are reported as not evaluated (the install goes ahead) with the reason.
/// </summary>
public static class DetectionEvaluator
{
    private const string UninstallKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\";

    public static Detection Evaluate(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var target = Environment.ExpandEnvironmentVariables(rule.Target);
        return rule.Kind switch
        {
            DetectionKind.FileExists => File.Exists(target) || Directory.Exists(target)
                ? new Detection(true, true, $"'{target}' exists.")
                : new Detection(false, true, $"'{target}' does not exist."),
            DetectionKind.FileVersion => FileVersion(target, rule.Value),
            DetectionKind.RegistryValue when OperatingSystem.IsWindows() => RegistryValue(target, rule.Value),
            DetectionKind.MsiProductCode when OperatingSystem.IsWindows() => MsiProduct(target),
            DetectionKind.RegistryValue or DetectionKind.MsiProductCode =>
                new Detection(false, false, $"Detection rule {rule.Kind} needs the Windows registry; not evaluated on {Environment.OSVersion.Platform}, so the install runs."),
            _ => new Detection(false, false, $"Unknown detection rule kind {rule.Kind}; the install runs."),
        };
    }

    private static Detection FileVersion(string target, string? minimum)
    {
        if (!File.Exists(target))
        {
            return new Detection(false, true, $"'{target}' does not exist.");
        }

        if (!Version.TryParse(minimum, out var wanted))
        {
            return new Detection(false, false, $"The rule's version '{minimum}' is not a version such as 1.2.3; the install runs.");
        }

        // FileVersionInfo reads Windows resources; off Windows it reads only managed assemblies' versions.
        var text = FileVersionInfo.GetVersionInfo(target).FileVersion;
        if (!Version.TryParse(text?.Split(' ')[0], out var found))
        {
            return new Detection(false, true, $"'{target}' has no readable file version.");
        }

        return found >= wanted
            ? new Detection(true, true, string.Create(CultureInfo.InvariantCulture, $"'{target}' is version {found}, at least {wanted}."))
            : new Detection(false, true, string.Create(CultureInfo.InvariantCulture, $"'{target}' is version {found}, older than {wanted}."));
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static Detection RegistryValue(string target, string? expected)
    {
        // Target: HIVE\Key\Path\ValueName.
        var split = target.LastIndexOf('\\');
        var firstSlash = target.IndexOf('\\', StringComparison.Ordinal);
        if (split <= 0 || firstSlash <= 0 || firstSlash == split)
        {
            return new Detection(false, false, $"Registry target '{target}' must be HIVE\\Key\\ValueName; the install runs.");
        }

        var hive = target[..firstSlash].ToUpperInvariant() switch
        {
            "HKLM" or "HKEY_LOCAL_MACHINE" => Registry.LocalMachine,
            "HKCU" or "HKEY_CURRENT_USER" => Registry.CurrentUser,
            "HKCR" or "HKEY_CLASSES_ROOT" => Registry.ClassesRoot,
            "HKU" or "HKEY_USERS" => Registry.Users,
            _ => null,
        };
        if (hive is null)
        {
            return new Detection(false, false, $"Unknown registry hive in '{target}'; the install runs.");
        }

        using var key = hive.OpenSubKey(target[(firstSlash + 1)..split]);
        var value = key?.GetValue(target[(split + 1)..]);
        if (value is null)
        {
            return new Detection(false, true, $"Registry value '{target}' does not exist.");
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture);
        return expected is null || string.Equals(text, expected, StringComparison.OrdinalIgnoreCase)
            ? new Detection(true, true, $"Registry value '{target}' is '{text}'.")
            : new Detection(false, true, $"Registry value '{target}' is '{text}', not '{expected}'.");
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static Detection MsiProduct(string productCode)
    {
        foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
        {
            using var root = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, view);
            using var key = root.OpenSubKey(UninstallKey + productCode);
            if (key is not null)
            {
                return new Detection(true, true, $"MSI product {productCode} is installed.");
            }
        }

        return new Detection(false, true, $"MSI product {productCode} is not installed.");
    }
}
