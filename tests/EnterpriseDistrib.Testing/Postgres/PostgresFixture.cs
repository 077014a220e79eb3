using EnterpriseDistrib.Catalog;
using Npgsql;
using Xunit;

namespace EnterpriseDistrib.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server for a test collection: <c>EDIST_TEST_POSTGRES</c> (an admin connection string)
/// when set, else a throwaway cluster from the machine's binaries. The catalog's migrations are applied once
/// to a template database; each test clones it (<see cref="CreateCatalogDatabaseAsync"/>), which takes
/// milliseconds and isolates tests from each other.
/// </summary>
/// <remarks>Use it through a collection: <c>[CollectionDefinition(PostgresFixture.CollectionName)] class X : ICollectionFixture&lt;PostgresFixture&gt;</c>.</remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string CollectionName = "PostgreSQL";
    public const string EnvironmentVariable = "EDIST_TEST_POSTGRES";

    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly List<string> _created = [];
    private readonly string _templateName = $"edist_template_{Guid.NewGuid():N}";
    private ThrowawayPostgresCluster? _cluster;
    private string? _adminConnectionString;

    /// <summary>Connection string to the server's maintenance database, with rights to create databases.</summary>
    public string AdminConnectionString => _adminConnectionString ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>True when the server is the throwaway cluster (false when EDIST_TEST_POSTGRES points elsewhere).</summary>
    public bool IsThrowaway => _cluster is not null;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = new NpgsqlConnectionStringBuilder(external) { Pooling = false }.ConnectionString;
        }
        else
        {
            _cluster = await ThrowawayPostgresCluster.StartAsync(CancellationToken.None);
            _adminConnectionString = _cluster.AdminConnectionString;
        }

        await ExecuteAsync($"CREATE DATABASE \"{_templateName}\"");
        var template = ConnectionStringFor(_templateName, pooling: false);
        await CatalogMigrator.MigrateAsync(new CatalogOptions(CatalogProvider.PostgreSql, template));
    }

    /// <summary>A new database holding the migrated, empty catalog. Returns its connection string.</summary>
    public Task<string> CreateCatalogDatabaseAsync() => CreateDatabaseAsync(_templateName);

    /// <summary>A new, completely empty database (for migration tests). Returns its connection string.</summary>
    public Task<string> CreateEmptyDatabaseAsync() => CreateDatabaseAsync(template: "template0");

    /// <summary>Catalog options pointing at <paramref name="connectionString"/>.</summary>
    public static CatalogOptions CatalogOptionsFor(string connectionString) => new(CatalogProvider.PostgreSql, connectionString, MigrateOnStartup: false);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        else if (_adminConnectionString is not null)
        {
            // A shared server outlives us: remove what we made.
            foreach (var name in _created.Append(_templateName))
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }

        _createLock.Dispose();
    }

    private async Task<string> CreateDatabaseAsync(string template)
    {
        var name = $"test_{Guid.NewGuid():N}";
        await _createLock.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            _created.Add(name);
        }
        finally
        {
            _createLock.Release();
        }

        return ConnectionStringFor(name, pooling: true);
    }

    private string ConnectionStringFor(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = database,
            Pooling = pooling,
            // Many test databases live at once; keep each pool small and let idle connections go.
            MaxPoolSize = 20,
            ConnectionIdleLifetime = 10,
        }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
