namespace EnterpriseDistrib.Catalog.Errors;

/// <summary>Someone else changed the item since it was read (stale version): HTTP 409/412, reload and retry.</summary>
public sealed class CatalogConcurrencyException(string message, Exception? innerException = null)
    : CatalogException(message, innerException);
