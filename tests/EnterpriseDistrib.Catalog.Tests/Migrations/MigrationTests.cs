using EnterpriseDistrib.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EnterpriseDistrib.Catalog.Tests.Migrations;

[Collection(PostgresFixture.CollectionName)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrations_create_every_catalog_table_on_an_empty_database()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();

        var applied = await CatalogMigrator.MigrateAsync(PostgresFixture.CatalogOptionsFor(connectionString));

        Assert.NotEmpty(applied);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        string[] expected = ["sites", "site_ranges", "office_groups", "office_group_sites", "agents", "enrollment_tokens", "packages",
            "package_versions", "rollouts", "rollout_waves", "agent_rollout_status", "transfer_statistic", "audit_entries"];
        Assert.All(expected, table => Assert.Contains(table, tables));
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        var options = PostgresFixture.CatalogOptionsFor(await postgres.CreateEmptyDatabaseAsync());
        await CatalogMigrator.MigrateAsync(options);

        var second = await CatalogMigrator.MigrateAsync(options);

        Assert.Empty(second);
    }

    [Fact]
    public async Task The_checked_in_migrations_match_the_model()
    {
        await using var context = new CatalogDbContext(CatalogDbContextOptions.Create(PostgresFixture.CatalogOptionsFor("Host=127.0.0.1")));

        Assert.False(context.Database.HasPendingModelChanges(), "Run `dotnet ef migrations add <Name>` in src/EnterpriseDistrib.Catalog.");
    }
}
