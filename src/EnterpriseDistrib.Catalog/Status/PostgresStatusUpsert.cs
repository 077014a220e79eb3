using EnterpriseDistrib.Catalog.Configurations;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>
/// The PostgreSQL write path: the whole batch goes as column arrays into two <c>INSERT … SELECT FROM unnest(…)
/// ON CONFLICT … DO UPDATE</c> statements sent together as one <see cref="NpgsqlBatch"/> — one round trip and
/// one implicit transaction whatever the batch size. Rows for unknown agents or rollouts are skipped rather
/// than failing the batch; the DO UPDATE only fires for a newer sequence (status) or a larger total (bytes).
/// Rows are inserted in key order (ORDER BY in PostgreSQL's own uuid order), so concurrent batches take row
/// locks in the same order and cannot deadlock each other.
/// </summary>
/// <remarks>
/// Chosen over binary COPY into a staging table: COPY needs a temp table, the copy and the upsert as separate
/// round trips, while array parameters travel in the same binary format within a single message.
/// </remarks>
internal static class PostgresStatusUpsert
{
    private const string StatusSql = $"""
        INSERT INTO {StatusTable.Name} AS s (rollout_id, agent_id, site_id, state, progress_percent, bytes_downloaded,
            exit_code, error, sequence, reported_at, first_seen_at, updated_at)
        SELECT u.rollout_id, u.agent_id, u.site_id, u.state, u.progress_percent, u.bytes_downloaded,
            u.exit_code, u.error, u.sequence, u.reported_at, $1, $1
        FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::bigint[], $8::int[], $9::text[], $10::bigint[], $11::timestamptz[])
            AS u(rollout_id, agent_id, site_id, state, progress_percent, bytes_downloaded, exit_code, error, sequence, reported_at)
        WHERE EXISTS (SELECT 1 FROM rollouts r WHERE r.id = u.rollout_id)
          AND EXISTS (SELECT 1 FROM agents a WHERE a.id = u.agent_id)
        ORDER BY u.rollout_id, u.agent_id
        ON CONFLICT (rollout_id, agent_id) DO UPDATE SET
            site_id = EXCLUDED.site_id, state = EXCLUDED.state, progress_percent = EXCLUDED.progress_percent,
            bytes_downloaded = EXCLUDED.bytes_downloaded, exit_code = EXCLUDED.exit_code, error = EXCLUDED.error,
            sequence = EXCLUDED.sequence, reported_at = EXCLUDED.reported_at, updated_at = EXCLUDED.updated_at
        WHERE s.sequence < EXCLUDED.sequence
        """;

    private const string TransferSql = $"""
        INSERT INTO {TransferTable.Name} AS t (rollout_id, agent_id, source_class, source_site_id, site_id, bytes, updated_at)
        SELECT u.rollout_id, u.agent_id, u.source_class, u.source_site_id, u.site_id, u.bytes, $1
        FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::uuid[], $7::bigint[])
            AS u(rollout_id, agent_id, source_class, source_site_id, site_id, bytes)
        WHERE EXISTS (SELECT 1 FROM rollouts r WHERE r.id = u.rollout_id)
          AND EXISTS (SELECT 1 FROM agents a WHERE a.id = u.agent_id)
        ORDER BY u.rollout_id, u.agent_id, u.source_class, u.source_site_id
        ON CONFLICT (rollout_id, agent_id, source_class, source_site_id) DO UPDATE SET
            bytes = EXCLUDED.bytes, site_id = EXCLUDED.site_id, updated_at = EXCLUDED.updated_at
        WHERE t.bytes < EXCLUDED.bytes
        """;

    /// <summary>Writes the batch; returns the number of status rows inserted or updated.</summary>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, StatusBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reports = batch.Reports;
        await using var command = new NpgsqlBatch(connection);
        var status = new NpgsqlBatchCommand(StatusSql);
        status.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        status.Parameters.Add(Array(reports.Select(r => r.RolloutId), NpgsqlDbType.Uuid));
        status.Parameters.Add(Array(reports.Select(r => r.AgentId), NpgsqlDbType.Uuid));
        status.Parameters.Add(Array(reports.Select(r => r.SiteId), NpgsqlDbType.Uuid));
        status.Parameters.Add(Array(reports.Select(r => r.State.ToString()), NpgsqlDbType.Text));
        status.Parameters.Add(Array(reports.Select(r => r.ProgressPercent), NpgsqlDbType.Integer));
        status.Parameters.Add(Array(reports.Select(r => r.BytesDownloaded), NpgsqlDbType.Bigint));
        status.Parameters.Add(Array(reports.Select(r => r.ExitCode), NpgsqlDbType.Integer));
        status.Parameters.Add(Array(reports.Select(r => r.Error), NpgsqlDbType.Text));
        status.Parameters.Add(Array(reports.Select(r => r.Sequence), NpgsqlDbType.Bigint));
        status.Parameters.Add(Array(reports.Select(r => r.ReportedAt), NpgsqlDbType.TimestampTz));
        command.BatchCommands.Add(status);

        var transfers = batch.Transfers;
        if (transfers.Count > 0)
        {
            var transfer = new NpgsqlBatchCommand(TransferSql);
            transfer.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
            transfer.Parameters.Add(Array(transfers.Select(t => t.RolloutId), NpgsqlDbType.Uuid));
            transfer.Parameters.Add(Array(transfers.Select(t => t.AgentId), NpgsqlDbType.Uuid));
            transfer.Parameters.Add(Array(transfers.Select(t => t.SourceClass.ToString()), NpgsqlDbType.Text));
            transfer.Parameters.Add(Array(transfers.Select(t => t.SourceSiteId), NpgsqlDbType.Uuid));
            transfer.Parameters.Add(Array(transfers.Select(t => t.SiteId), NpgsqlDbType.Uuid));
            transfer.Parameters.Add(Array(transfers.Select(t => t.Bytes), NpgsqlDbType.Bigint));
            command.BatchCommands.Add(transfer);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        return status.RecordsAffected;
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType elementType) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
