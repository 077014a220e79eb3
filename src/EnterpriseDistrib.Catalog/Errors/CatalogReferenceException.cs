namespace EnterpriseDistrib.Catalog.Errors;

/// <summary>The change names something that does not exist (an unknown site, group or package version): HTTP 400/422.</summary>
public sealed class CatalogReferenceException(string message, Exception? innerException = null)
    : CatalogException(message, innerException);
