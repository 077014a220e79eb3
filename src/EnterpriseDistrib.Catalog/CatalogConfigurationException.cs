namespace EnterpriseDistrib.Catalog;

/// <summary>The catalog's configuration is wrong; the message says which setting to fix.</summary>
public sealed class CatalogConfigurationException : Exception
{
    public CatalogConfigurationException(string message)
        : base(message)
    {
    }

    public CatalogConfigurationException()
    {
    }

    public CatalogConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
