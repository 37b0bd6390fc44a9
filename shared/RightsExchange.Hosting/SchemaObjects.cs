using Npgsql;

namespace RightsExchange.Hosting;

/// <summary>Creates the tables the hosting loops keep beside Marten's (relay progress, the audit chain).</summary>
public static class SchemaObjects
{
    /// <summary>
    /// Runs <paramref name="ddl"/> (<c>create ... if not exists</c> statements) in <paramref name="schema"/>, creating the
    /// schema first, in one transaction under a lock per schema: two loops of a process creating their tables at the same
    /// start would otherwise collide in PostgreSQL's catalog (23505 on <c>pg_type</c>) for all their <c>if not exists</c>.
    /// </summary>
    public static async Task CreateIfMissing(NpgsqlDataSource db, string schema, string ddl, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext(@key))", connection, transaction))
        {
            command.Parameters.AddWithValue("key", $"rx_ddl:{schema}");
            await command.ExecuteNonQueryAsync(ct);
        }
        await using (var command = new NpgsqlCommand($"create schema if not exists {schema}; {ddl}", connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
