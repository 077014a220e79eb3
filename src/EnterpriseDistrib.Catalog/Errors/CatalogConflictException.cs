namespace EnterpriseDistrib.Catalog.Errors;

/// <summary>The change collides with something that already exists (a duplicate name, info-hash, range…): HTTP 409.</summary>
public sealed class CatalogConflictException(string message, Exception? innerException = null)
    : CatalogException(message, innerException);
