using EnterpriseDistrib.Agent.Installers;
using EnterpriseDistrib.Agent.Tests.Infrastructure;

namespace EnterpriseDistrib.Agent.Tests.Installers;

public sealed class DetectionEvaluatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_file_exists_rule_detects_an_existing_file_or_folder_and_not_a_missing_one()
    {
        var file = Path.Combine(_folder.Path, "app.conf");
        File.WriteAllText(file, "x");

        Assert.True(DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.FileExists, file, null)).Installed);
        Assert.True(DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.FileExists, _folder.Path, null)).Installed);
        var missing = DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.FileExists, file + ".missing", null));
        Assert.False(missing.Installed);
        Assert.True(missing.Evaluated);
    }

    [Fact]
    public void A_file_version_rule_compares_the_version_of_a_managed_assembly()
    {
        var assembly = typeof(DetectionEvaluator).Assembly.Location;

        Assert.True(DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.FileVersion, assembly, "0.0.1")).Installed);
        var older = DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.FileVersion, assembly, "999.0"));
        Assert.False(older.Installed);
        Assert.Contains("older than 999.0", older.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_version_is_not_detected()
    {
        var file = Path.Combine(_folder.Path, "plain.txt");
        File.WriteAllText(file, "no version resource");

        var detection = DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.FileVersion, file, "1.0"));

        Assert.False(detection.Installed);
        Assert.Contains("no readable file version", detection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_rules_are_evaluated_only_on_windows_and_elsewhere_say_why_not()
    {
        var registry = DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.RegistryValue, @"HKLM\SOFTWARE\EnterpriseDistribTest\Absent\Version", "1.0"));
        var msi = DetectionEvaluator.Evaluate(new DetectionRule(DetectionKind.MsiProductCode, "{12345678-1234-1234-1234-123456789012}", null));

        Assert.False(registry.Installed);
        Assert.False(msi.Installed);
        Assert.Equal(OperatingSystem.IsWindows(), registry.Evaluated);
        Assert.Equal(OperatingSystem.IsWindows(), msi.Evaluated);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains("needs the Windows registry", registry.Reason, StringComparison.Ordinal);
        }
    }
}
