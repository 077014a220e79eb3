using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Installers;

/// <summary>Turns the server's install spec of an assignment into what the installer runner and detection take.</summary>
public static class InstallSpecReader
{
    /// <summary>The instruction to run; a spec without a timeout gets <paramref name="defaultTimeout"/>.</summary>
    public static InstallInstruction Instruction(AssignmentInstall install, TimeSpan defaultTimeout)
    {
        ArgumentNullException.ThrowIfNull(install);
        return new InstallInstruction(
            install.Kind,
            install.Command,
            SplitArguments(install.Arguments),
            [.. install.SuccessExitCodes ?? []],
            [.. install.RebootExitCodes ?? []],
            install.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(install.TimeoutSeconds) : defaultTimeout);
    }

    /// <summary>The detection rule, or null when the spec has none; a malformed one throws <see cref="JsonException"/>.</summary>
    public static DetectionRule? Detection(AssignmentInstall install)
    {
        ArgumentNullException.ThrowIfNull(install);
        if (install.Detection is not { ValueKind: JsonValueKind.Object } json)
        {
            return null;
        }

        var rule = json.Deserialize<DetectionRule>(AgentApiJson.Options);
        return rule is { Target.Length: > 0 } ? rule : throw new JsonException("A detection rule needs a kind and a target.");
    }

    /// <summary>Splits an argument string the way a Windows command line does for the simple cases: spaces separate, double quotes group.</summary>
    public static ImmutableArray<string> SplitArguments(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var arguments = ImmutableArray.CreateBuilder<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    arguments.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            arguments.Add(current.ToString());
        }

        return arguments.ToImmutable();
    }
}
