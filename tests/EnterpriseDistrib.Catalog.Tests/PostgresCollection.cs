using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests;

/// <summary>Every test class touching PostgreSQL shares one server; each test clones its own catalog database.</summary>
[CollectionDefinition(PostgresFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
