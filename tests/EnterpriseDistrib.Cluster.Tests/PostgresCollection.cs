using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Cluster.Tests;

/// <summary>One throwaway PostgreSQL for every test here; each test clones a freshly migrated catalog from it.</summary>
[CollectionDefinition(PostgresFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
