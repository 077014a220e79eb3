namespace EnterpriseDistrib.Catalog.Configurations;

/// <summary>The table name the transfer-statistics upsert's SQL uses.</summary>
internal static class TransferTable
{
    public const string Name = "transfer_statistic";
}
