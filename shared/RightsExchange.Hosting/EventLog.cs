using Npgsql;

namespace RightsExchange.Hosting;

/// <summary>One row of a store's event table (<c>{schema}.mt_events</c>), with its body only when it was asked for.</summary>
/// <param name="DotNetType">The event's .NET type as Marten records it (<c>Namespace.Type, Assembly</c>).</param>
/// <param name="Data">The body as PostgreSQL prints the stored jsonb, or null.</param>
public sealed record LoggedEvent(long Sequence, Guid Id, string DotNetType, DateTime Timestamp, string? Data);

/// <summary>
/// Reads a store's event table in sequence order for the loops that follow it (<see cref="OutboxRelay"/>, the public
/// feed's relay), and keeps where each has got to in <c>{schema}.rx_relay_progress</c> (one row per follower).
/// A sequence number is taken when an event is appended and becomes visible when its transaction commits, so a gap may
/// be an append still in flight: <see cref="Settled"/> stops before a gap younger than <see cref="GapGrace"/>, and an
/// older gap is an append that was rolled back.
/// </summary>
public sealed class EventLog(NpgsqlDataSource db, string schema)
{
    /// <summary>
    /// How long a gap in the sequence is waited for before it is taken for a rolled-back append. Marten fills the
    /// sequence numbers of an append it saw fail with tombstones at once (<see cref="Tombstones"/>), so what waits this
    /// long is an append still in flight, or one whose process died.
    /// </summary>
    public static readonly TimeSpan GapGrace = TimeSpan.FromSeconds(10);

    /// <summary>The stream of Marten's tombstones: events that only hold the sequence numbers of a failed append.</summary>
    public const string Tombstones = "mt_tombstone";

    private volatile bool _tableExists;

    public string Schema { get; } = schema;

    /// <summary>
    /// Up to <paramref name="limit"/> events with a sequence above <paramref name="after"/>, in sequence order, cut
    /// before the first gap younger than <see cref="GapGrace"/> (<see cref="Settled"/>); with their bodies when
    /// <paramref name="withData"/>.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadAfter(long after, int limit, bool withData, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select clock_timestamp()"));
        var read = new NpgsqlBatchCommand(
            $"select seq_id, id, mt_dotnet_type, timestamp, {(withData ? "data::text" : "null")} from {Schema}.mt_events "
                + "where seq_id > $1 order by seq_id limit $2"
        );
        read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var now = reader.GetDateTime(0);
        await reader.NextResultAsync(ct);
        var events = new List<LoggedEvent>();
        while (await reader.ReadAsync(ct))
            events.Add(
                new LoggedEvent(
                    reader.GetInt64(0),
                    reader.GetGuid(1),
                    reader.IsDBNull(2) ? "" : reader.GetString(2),
                    reader.GetDateTime(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)
                )
            );
        return Settled(events, after, now);
    }

    /// <summary>
    /// The leading part of <paramref name="events"/> (in sequence order, all above <paramref name="after"/>) that no append
    /// still in flight can precede: it ends before the first event that follows a gap, unless that event is older than
    /// <see cref="GapGrace"/> at <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<LoggedEvent> Settled(IReadOnlyList<LoggedEvent> events, long after, DateTime now)
    {
        var expected = after + 1;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Sequence != expected && now - events[i].Timestamp < GapGrace)
                return events.Take(i).ToList();
            expected = events[i].Sequence + 1;
        }
        return events;
    }

    /// <summary>Where <paramref name="follower"/> has got to: the last sequence it has dealt with, 0 at first.</summary>
    public async Task<long> Progress(string follower, CancellationToken ct)
    {
        await EnsureTable(ct);
        await using var command = db.CreateCommand($"select seq from {Schema}.rx_relay_progress where name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = follower });
        return await command.ExecuteScalarAsync(ct) is long seq ? seq : 0;
    }

    /// <summary>Records that <paramref name="follower"/> has dealt with everything up to <paramref name="sequence"/>.</summary>
    public async Task Advance(string follower, long sequence, CancellationToken ct)
    {
        await using var command = db.CreateCommand(AdvanceSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = follower });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The statement of <see cref="Advance"/> with its two parameters as <c>?</c> (follower, sequence), for a Marten
    /// session to run in the same transaction as other changes (<c>QueueSqlCommand</c>). It never moves backwards.
    /// </summary>
    public string AdvanceSqlForMarten => AdvanceSql.Replace("$1", "?").Replace("$2", "?");

    private string AdvanceSql =>
        $"insert into {Schema}.rx_relay_progress (name, seq) values ($1, $2) "
        + $"on conflict (name) do update set seq = greatest({Schema}.rx_relay_progress.seq, excluded.seq)";

    private async Task EnsureTable(CancellationToken ct)
    {
        if (_tableExists)
            return;
        await SchemaObjects.CreateIfMissing(
            db,
            Schema,
            $"create table if not exists {Schema}.rx_relay_progress (name text primary key, seq bigint not null)",
            ct
        );
        _tableExists = true;
    }
}
