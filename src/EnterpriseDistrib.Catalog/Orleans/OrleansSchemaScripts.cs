namespace EnterpriseDistrib.Catalog.Orleans;

/// <summary>
/// The SQL files, embedded in this assembly, that give PostgreSQL what Orleans' ADO.NET providers need:
/// the OrleansQuery registry, then one file per provider (clustering, reminders, grain storage).
/// </summary>
/// <remarks>
/// Written for Microsoft.Orleans.*.AdoNet 10.4: the query keys, the parameter names each statement receives and
/// the result columns it must return are the providers'; the tables and statements are ours. SQLite catalogs do
/// not get them: the embedded server clusters on localhost and keeps grain state in memory.
/// </remarks>
public static class OrleansSchemaScripts
{
    /// <summary>The registry every provider reads at start-up.</summary>
    public const string Main = "OrleansMain.sql";

    /// <summary>Cluster membership (Microsoft.Orleans.Clustering.AdoNet).</summary>
    public const string Clustering = "OrleansClustering.sql";

    /// <summary>Durable reminders (Microsoft.Orleans.Reminders.AdoNet).</summary>
    public const string Reminders = "OrleansReminders.sql";

    /// <summary>Grain state (Microsoft.Orleans.Persistence.AdoNet).</summary>
    public const string Persistence = "OrleansPersistence.sql";

    /// <summary>Removes everything the other scripts create.</summary>
    public const string Drop = "OrleansDrop.sql";

    private const string ResourcePrefix = "EnterpriseDistrib.Catalog.Orleans.";

    /// <summary>The scripts that create the schema, in the order they must run (the registry first).</summary>
    public static IReadOnlyList<string> Create { get; } = [Main, Clustering, Reminders, Persistence];

    /// <summary>The text of one of the scripts named above.</summary>
    public static string Read(string script)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        using var stream = typeof(OrleansSchemaScripts).Assembly.GetManifestResourceStream(ResourcePrefix + script)
            ?? throw new InvalidOperationException($"The Orleans SQL script '{script}' is not embedded in {typeof(OrleansSchemaScripts).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
