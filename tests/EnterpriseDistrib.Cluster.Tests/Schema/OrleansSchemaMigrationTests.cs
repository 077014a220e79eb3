using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.Orleans;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EnterpriseDistrib.Cluster.Tests.Schema;

/// <summary>The OrleansSchema migration as <c>edist db migrate</c> applies it (through <see cref="CatalogMigrator"/>).</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class OrleansSchemaMigrationTests(PostgresFixture postgres)
{
    private const string OrleansMigration = "20261128143550_OrleansSchema";
    private const string PreviousMigration = "20261128135152_InitialCatalog";

    // Every key Orleans.Clustering/Reminders/Persistence.AdoNet 10.4 look up (DeleteStorageKey and
    // CleanupDefunctSiloEntryKey are optional to them; we provide both).
    private static readonly string[] QueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "UpsertReminderRowKey", "WriteToStorageKey",
    ];

    private static readonly string[] OrleansTables =
        ["orleansquery", "orleans_membership_version", "orleans_membership", "orleans_reminder", "orleans_grain_state"];

    [Fact]
    public async Task Migrating_an_empty_database_creates_the_orleans_tables_and_every_query_key()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();

        var applied = await CatalogMigrator.MigrateAsync(PostgresFixture.CatalogOptionsFor(connectionString));

        Assert.Contains(OrleansMigration, applied);
        Assert.Equal(QueryKeys, await QueryKeysAsync(connectionString));
        foreach (var table in OrleansTables)
        {
            Assert.True(await TableExistsAsync(connectionString, table), $"{table} exists");
        }
    }

    [Fact]
    public async Task Reverting_the_migration_drops_only_the_orleans_tables_and_it_applies_again()
    {
        var connectionString = await postgres.CreateCatalogDatabaseAsync();
        await using var context = new CatalogDbContext(CatalogDbContextOptions.Create(PostgresFixture.CatalogOptionsFor(connectionString)));
        var migrator = context.GetService<IMigrator>();

        await migrator.MigrateAsync(PreviousMigration);

        foreach (var table in OrleansTables)
        {
            Assert.False(await TableExistsAsync(connectionString, table), $"{table} is gone");
        }

        Assert.True(await TableExistsAsync(connectionString, "sites"), "the catalog stays");
        Assert.Equal(OrleansMigration, (await context.Database.GetPendingMigrationsAsync()).First());

        await migrator.MigrateAsync();

        Assert.Equal(QueryKeys, await QueryKeysAsync(connectionString));
    }

    [Fact]
    public async Task An_embedded_SQLite_catalog_is_created_without_orleans_tables()
    {
        var folder = Directory.CreateTempSubdirectory("edist-sqlite-");
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder.FullName, "catalog.db")};Pooling=false";

            var applied = await CatalogMigrator.MigrateAsync(new CatalogOptions(CatalogProvider.Sqlite, connectionString));

            Assert.Equal(["EnsureCreated"], applied);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'orleans%'";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_script_is_embedded_and_the_registry_comes_first()
    {
        Assert.Equal(OrleansSchemaScripts.Main, OrleansSchemaScripts.Create[0]);
        foreach (var script in OrleansSchemaScripts.Create.Append(OrleansSchemaScripts.Drop))
        {
            Assert.False(string.IsNullOrWhiteSpace(OrleansSchemaScripts.Read(script)), script);
        }

        Assert.Throws<InvalidOperationException>(() => OrleansSchemaScripts.Read("Missing.sql"));
    }

    private static async Task<IReadOnlyList<string>> QueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<bool> TableExistsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
