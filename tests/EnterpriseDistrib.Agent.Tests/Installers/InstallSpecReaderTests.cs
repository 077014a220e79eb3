using System.Text.Json;
using EnterpriseDistrib.Agent.Installers;
using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Tests.Installers;

public sealed class InstallSpecReaderTests
{
    private static AssignmentInstall Spec(string json) => JsonSerializer.Deserialize<AssignmentInstall>(json, AgentApiJson.Options)!;

    [Fact]
    public void The_servers_install_spec_becomes_an_instruction_with_its_codes_and_timeout()
    {
        var spec = Spec("""{"kind":"Msi","command":"app.msi","arguments":"ALLUSERS=1 INSTALLDIR=\"C:\\Program Files\\App\"","successExitCodes":[0],"rebootExitCodes":[3010],"timeoutSeconds":90}""");

        var instruction = InstallSpecReader.Instruction(spec, TimeSpan.FromHours(1));

        Assert.Equal(InstallerKind.Msi, instruction.Kind);
        Assert.Equal("app.msi", instruction.File);
        Assert.Equal(["ALLUSERS=1", @"INSTALLDIR=C:\Program Files\App"], instruction.Arguments.ToArray());
        Assert.Equal([3010], instruction.RebootCodes.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(90), instruction.Timeout);
    }

    [Fact]
    public void A_spec_without_timeout_or_codes_gets_the_default_timeout_and_the_kinds_codes()
    {
        var instruction = InstallSpecReader.Instruction(Spec("""{"kind":"Script","command":"install.sh","timeoutSeconds":0}"""), TimeSpan.FromMinutes(7));

        Assert.Equal(TimeSpan.FromMinutes(7), instruction.Timeout);
        Assert.True(instruction.Arguments.IsEmpty);
        Assert.Equal(InstallOutcome.Failed, InstallerExitCodeMap.Classify(instruction, 3010));
    }

    [Fact]
    public void The_detection_rule_is_read_by_kind_name_and_a_malformed_one_is_an_error()
    {
        var rule = InstallSpecReader.Detection(Spec("""{"kind":"Exe","command":"setup.exe","timeoutSeconds":1,"detection":{"kind":"FileVersion","target":"C:\\app\\app.exe","value":"2.1"}}"""));
        var none = InstallSpecReader.Detection(Spec("""{"kind":"Exe","command":"setup.exe","timeoutSeconds":1,"detection":null}"""));

        Assert.Equal(new DetectionRule(DetectionKind.FileVersion, @"C:\app\app.exe", "2.1"), rule);
        Assert.Null(none);
        Assert.Throws<JsonException>(() => InstallSpecReader.Detection(Spec("""{"kind":"Exe","command":"s","timeoutSeconds":1,"detection":{"kind":"FileExists"}}""")));
    }
}
