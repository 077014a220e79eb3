namespace EnterpriseDistrib.Server.Hosting;

/// <summary>The server's settings are missing or unsafe; the message says which setting to change and how.</summary>
public sealed class ServerConfigurationException : Exception
{
    public ServerConfigurationException(string message)
        : base(message)
    {
    }

    public ServerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServerConfigurationException()
    {
    }
}
