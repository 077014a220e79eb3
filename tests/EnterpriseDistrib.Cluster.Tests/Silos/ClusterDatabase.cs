using Npgsql;

namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>Reads what the providers wrote, straight from the tables the migration created.</summary>
public sealed class ClusterDatabase(string connectionString)
{
    public async Task<IReadOnlyList<MembershipRow>> MembershipAsync(string clusterId)
    {
        const string Sql = """
            SELECT address, port, generation, silo_name, status, proxy_port
              FROM orleans_membership WHERE deployment_id = @cluster ORDER BY port, generation
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3),
                reader.GetInt32(4), await reader.IsDBNullAsync(5) ? null : reader.GetInt32(5)));
        }

        return rows;
    }

    public async Task<int> MembershipVersionAsync(string clusterId) =>
        Convert.ToInt32(await ScalarAsync("SELECT version FROM orleans_membership_version WHERE deployment_id = @p", clusterId));

    public async Task<object?> ScalarAsync(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return await command.ExecuteScalarAsync();
    }

    public async Task<IReadOnlyList<object?[]>> RowsAsync(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = await reader.IsDBNullAsync(i) ? null : reader.GetValue(i);
            }

            rows.Add(values);
        }

        return rows;
    }
}
