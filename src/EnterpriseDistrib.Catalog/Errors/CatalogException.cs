namespace EnterpriseDistrib.Catalog.Errors;

/// <summary>A catalog operation was refused; the message says why in words an admin can act on.</summary>
public abstract class CatalogException : Exception
{
    protected CatalogException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
