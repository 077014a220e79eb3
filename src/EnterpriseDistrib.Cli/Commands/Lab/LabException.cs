namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>A lab step failed; the message says which and where its log is.</summary>
internal sealed class LabException(string message) : Exception(message);
