using Npgsql;

namespace RightsExchange.Hosting.Audit;

/// <summary>A stored event with the chain link after it.</summary>
public sealed record ChainedEvent(StoredEvent Event, byte[] Hash);

/// <summary>What <see cref="AuditChainStore.Find"/> selects; every given criterion must hold.</summary>
/// <param name="StreamPrefix">A stream key, or a prefix of keys up to a colon (<c>holding:p</c> selects <c>holding:p:*</c>).</param>
/// <param name="Names">Values the event must name, each as a stream key segment or a string anywhere in its data.</param>
/// <param name="From">Inclusive lower bound on the store timestamp (UTC).</param>
/// <param name="To">Exclusive upper bound on the store timestamp (UTC).</param>
public sealed record EventFilter(string? StreamPrefix, IReadOnlyList<string> Names, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>A point of the chain: the store sequence of the last event covered, the hash after it, how many events it covers.</summary>
public sealed record ChainHead(long Sequence, byte[] Hash, long Events);

/// <summary>
/// The chain of one event store schema, kept beside Marten's <c>{schema}.mt_events</c> in
/// <c>{schema}.rx_audit_segments</c>, one row per extension of up to <see cref="MaxSegment"/> events: the sequences it
/// covers (<c>seqs</c>, in order), their links (<c>hashes</c>, 32 bytes each, in the same order), the first sequence and
/// the position of its first event in the chain; its checkpoints are in <c>{schema}.rx_audit_checkpoints</c>. A row per
/// extension rather than per event keeps the chain from doubling the rows the ledger writes. Only one writer extends a
/// schema's chain at a time (a transaction-scoped advisory lock), so several instances and restarts cannot fork it; a
/// page extended twice is a no-op.
/// </summary>
public sealed class AuditChainStore(NpgsqlDataSource db, string schema)
{
    public string Schema { get; } = schema;

    private string Events => $"{Schema}.mt_events";
    private string Segments => $"{Schema}.rx_audit_segments";

    /// <summary>Events per segment at most (one extension writes one segment).</summary>
    public const int MaxSegment = 1_000;
    private string Checkpoints => $"{Schema}.rx_audit_checkpoints";

    private volatile bool _tablesExist;

    /// <summary>Creates the chain tables if they are missing (once per process).</summary>
    public async Task EnsureTables(CancellationToken ct)
    {
        if (_tablesExist)
            return;
        await SchemaObjects.CreateIfMissing(
            db,
            Schema,
            $"""
            create table if not exists {Segments} (first_seq bigint primary key, last_seq bigint not null, first_position bigint not null,
                seqs bigint[] not null, hashes bytea not null);
            create table if not exists {Checkpoints} (seq_id bigint primary key, hash bytea not null, events bigint not null,
                taken_at timestamptz not null default now());
            """,
            ct
        );
        _tablesExist = true;
    }

    /// <summary>The last link, or null while the chain is empty.</summary>
    public async Task<ChainHead?> Head(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await Head(connection, null, ct);
    }

    /// <summary>
    /// Chains up to <paramref name="limit"/> events (at most <see cref="MaxSegment"/>) after the head, in sequence order, as
    /// one segment, and returns the new head and how
    /// many events were chained. A gap in the sequence may be an append still in flight that will commit later, so the
    /// chain stops before a gap younger than <paramref name="gapGrace"/> (default <see cref="EventLog.GapGrace"/>) and
    /// takes it up next time; an older gap is a rolled-back append and stays a gap.
    /// </summary>
    public async Task<(ChainHead? Head, int Added)> Extend(int limit, CancellationToken ct, TimeSpan? gapGrace = null)
    {
        var grace = gapGrace ?? EventLog.GapGrace;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext(@lock))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("lock", $"rx_audit_chain:{Schema}");
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        var head = await Head(connection, transaction, ct);
        var (previous, position) = head is null ? (AuditChain.Genesis, 0L) : (head.Hash, head.Events);
        DateTime now;
        await using (var clock = new NpgsqlCommand("select clock_timestamp()", connection, transaction))
            now = (DateTime)(await clock.ExecuteScalarAsync(ct))!;
        var links = new List<(long Sequence, byte[] Hash, long Position)>();
        var after = head?.Sequence ?? 0;
        var upTo = await SettledUpTo(connection, transaction, after, Math.Min(limit, MaxSegment), now, grace, ct);
        await foreach (var e in Read(connection, transaction, after, upTo, ct))
        {
            // A tombstone holds a failed append's sequence number; it is no event of the ledger, so it is not chained.
            if (e.StreamKey == EventLog.Tombstones)
                continue;
            previous = AuditChain.Link(previous, e);
            links.Add((e.Sequence, previous, ++position));
        }
        if (links.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                $"insert into {Segments} (first_seq, last_seq, first_position, seqs, hashes) "
                    + "values (@first, @last, @position, @seqs, @hashes)",
                connection,
                transaction
            );
            insert.Parameters.AddWithValue("first", links[0].Sequence);
            insert.Parameters.AddWithValue("last", links[^1].Sequence);
            insert.Parameters.AddWithValue("position", links[0].Position);
            insert.Parameters.AddWithValue("seqs", links.Select(l => l.Sequence).ToArray());
            insert.Parameters.AddWithValue("hashes", links.SelectMany(l => l.Hash).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (links.Count > 0 ? new ChainHead(links[^1].Sequence, links[^1].Hash, links[^1].Position) : head, links.Count);
    }

    /// <summary>Records a checkpoint (idempotent per sequence).</summary>
    public async Task SaveCheckpoint(ChainHead head, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"insert into {Checkpoints} (seq_id, hash, events) values (@s, @h, @e) on conflict (seq_id) do nothing"
        );
        command.Parameters.AddWithValue("s", head.Sequence);
        command.Parameters.AddWithValue("h", head.Hash);
        command.Parameters.AddWithValue("e", head.Events);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The latest checkpoint, or null.</summary>
    public async Task<ChainHead?> LastCheckpoint(CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select seq_id, hash, events from {Checkpoints} order by seq_id desc limit 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ChainHead(reader.GetInt64(0), (byte[])reader[1], reader.GetInt64(2)) : null;
    }

    /// <summary>
    /// The stored events with a sequence in (<paramref name="after"/>, <paramref name="upTo"/>], in sequence order,
    /// streamed; Marten's tombstones left out.
    /// </summary>
    public async IAsyncEnumerable<StoredEvent> ReadEvents(
        long after,
        long upTo,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await foreach (var e in Read(connection, null, after, upTo, ct))
        {
            if (e.StreamKey != EventLog.Tombstones)
                yield return e;
        }
    }

    /// <summary>
    /// Chained events with a sequence in (<paramref name="after"/>, <paramref name="upTo"/>] that <paramref name="filter"/>
    /// selects, in sequence order, at most <paramref name="limit"/>, each with its link. A participant, instrument, order or
    /// trade is matched as a segment of the stream key or as any string value in the event's data (a JSON path search).
    /// </summary>
    public async Task<IReadOnlyList<ChainedEvent>> Find(EventFilter filter, long after, long upTo, int limit, CancellationToken ct)
    {
        // Each event's link is cut from the segment that covers it; an event no segment lists was never chained.
        var sql = new System.Text.StringBuilder(
            $"""
            select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text,
                substring(s.hashes from (array_position(s.seqs, e.seq_id) - 1) * 32 + 1 for 32)
            from {Events} e
            join lateral (select seqs, hashes from {Segments} where first_seq <= e.seq_id order by first_seq desc limit 1) s
                on array_position(s.seqs, e.seq_id) is not null
            where e.seq_id > @after and e.seq_id <= @upTo
            """
        );
        await using var command = db.CreateCommand();
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("upTo", upTo);
        command.Parameters.AddWithValue("limit", limit);
        if (filter.From is { } from)
        {
            sql.Append(" and e.timestamp >= @from");
            command.Parameters.AddWithValue("from", from);
        }
        if (filter.To is { } to)
        {
            sql.Append(" and e.timestamp < @to");
            command.Parameters.AddWithValue("to", to);
        }
        if (filter.StreamPrefix is { } stream)
        {
            sql.Append(" and (e.stream_id = @stream or e.stream_id like @streamPrefix)");
            command.Parameters.AddWithValue("stream", stream);
            command.Parameters.AddWithValue("streamPrefix", EscapeLike(stream) + ":%");
        }
        var i = 0;
        foreach (var value in filter.Names)
        {
            var name = $"v{i++}";
            sql.Append(
                $" and (@{name} = any(string_to_array(e.stream_id, ':')) or jsonb_path_exists(e.data, 'strict $.** ? (@ == $v)', "
                    + $"jsonb_build_object('v', @{name}::text)))"
            );
            command.Parameters.AddWithValue(name, value);
        }
        sql.Append(" order by e.seq_id limit @limit");
        command.CommandText = sql.ToString();
        var found = new List<ChainedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found.Add(
                new ChainedEvent(
                    new StoredEvent(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetInt64(2),
                        reader.GetString(3),
                        reader.GetDateTime(4),
                        reader.GetString(5)
                    ),
                    (byte[])reader[6]
                )
            );
        return found;
    }

    private static string EscapeLike(string value) => value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <summary>The last link at or below <paramref name="sequence"/> (a sequence may fall in a gap), or null if there is none.</summary>
    public async Task<(long Sequence, byte[] Hash)?> LinkAtOrBelow(long sequence, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"select seqs, hashes from {Segments} where first_seq <= @s order by first_seq desc limit 1"
        );
        command.Parameters.AddWithValue("s", sequence);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var (seqs, hashes) = ((long[])reader[0], (byte[])reader[1]);
        var i = Array.BinarySearch(seqs, sequence);
        if (i < 0)
            i = ~i - 1;
        return (seqs[i], hashes[(i * 32)..((i + 1) * 32)]);
    }

    /// <summary>The stored links up to sequence <paramref name="upTo"/>, in sequence order, streamed.</summary>
    public async IAsyncEnumerable<(long Sequence, byte[] Hash)> ReadLinks(
        long upTo,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select seqs, hashes from {Segments} where first_seq <= @upTo order by first_seq",
            connection
        );
        command.Parameters.AddWithValue("upTo", upTo);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (seqs, hashes) = ((long[])reader[0], (byte[])reader[1]);
            for (var i = 0; i < seqs.Length && seqs[i] <= upTo; i++)
                yield return (seqs[i], hashes[(i * 32)..((i + 1) * 32)]);
        }
    }

    /// <summary>
    /// The last of the next <paramref name="limit"/> sequences after <paramref name="after"/> that no append still in
    /// flight can precede: the scan stops before a gap whose next event is younger than <paramref name="grace"/>. Only
    /// sequences and timestamps are read, so the bodies read next are those of events that will be chained.
    /// </summary>
    private async Task<long> SettledUpTo(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        long after,
        int limit,
        DateTime now,
        TimeSpan grace,
        CancellationToken ct
    )
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, timestamp from {Events} where seq_id > @after order by seq_id limit @limit",
            connection,
            transaction
        );
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var last = after;
        while (await reader.ReadAsync(ct))
        {
            var sequence = reader.GetInt64(0);
            if (sequence != last + 1 && now - reader.GetDateTime(1) < grace)
                break;
            last = sequence;
        }
        return last;
    }

    private async IAsyncEnumerable<StoredEvent> Read(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        long after,
        long upTo,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, stream_id, version, type, timestamp, data::text from {Events} where seq_id > @after and seq_id <= @upTo "
                + "order by seq_id",
            connection,
            transaction
        );
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("upTo", upTo);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new StoredEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetDateTime(4),
                reader.GetString(5)
            );
    }

    private async Task<ChainHead?> Head(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select last_seq, substring(hashes from length(hashes) - 31), first_position + cardinality(seqs) - 1 from {Segments} "
                + "order by first_seq desc limit 1",
            connection,
            transaction
        );
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ChainHead(reader.GetInt64(0), (byte[])reader[1], reader.GetInt64(2)) : null;
    }
}
