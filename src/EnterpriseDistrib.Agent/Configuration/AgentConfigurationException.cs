namespace EnterpriseDistrib.Agent.Configuration;

/// <summary>The agent's configuration cannot be used; the message lists every problem found.</summary>
public sealed class AgentConfigurationException(IReadOnlyList<string> problems)
    : Exception("The agent configuration is not valid: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
