using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.IntegrationTests.Audit;

/// <summary>
/// The audit chain and its verifier against a real PostgreSQL event table: an untouched log verifies; an event
/// edited, deleted or inserted, two events reordered, and a log rewritten together with its chain are each caught at
/// the right sequence number. Concurrent writers leave no event out of the chain.
/// </summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private readonly string _database = $"rx_audit_{Guid.NewGuid():N}"[..30];
    private Servers _servers = null!;
    private DocumentStore _store = null!;
    private NpgsqlDataSource _db = null!;
    private AuditChainStore _chain = null!;

    public sealed record Deposited(string Account, decimal Amount);

    public sealed record Withdrawn(string Account, decimal Amount);

    public async Task InitializeAsync()
    {
        _servers = await Servers.Start();
        var connectionString = await _servers.CreateDatabase(_database);
        _store = DocumentStore.For(o =>
        {
            o.Connection(connectionString);
            o.DatabaseSchemaName = "ledger";
            o.Events.DatabaseSchemaName = "ledger";
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _db = NpgsqlDataSource.Create(connectionString);
        _chain = new AuditChainStore(_db, "ledger");
        await _chain.EnsureTables(default);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _store.Dispose();
        await _servers.DropDatabase(_database);
        await _servers.DisposeAsync();
    }

    private async Task<long> AppendAndChain(int events)
    {
        await using var session = _store.LightweightSession();
        for (var i = 0; i < events; i++)
            session.Events.Append($"cash:{i % 3}", i % 2 == 0 ? new Deposited($"a{i % 3}", 100 + i) : new Withdrawn($"a{i % 3}", i));
        await session.SaveChangesAsync();
        return (await _chain.Extend(int.MaxValue, default)).Head!.Sequence;
    }

    private async Task Sql(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private Task<ChainVerification> Verify((long, byte[])? checkpoint = null) => AuditVerifier.Verify(_chain, checkpoint, default);

    [Fact]
    public async Task An_untouched_log_verifies_and_later_events_extend_the_same_chain()
    {
        await AppendAndChain(10);
        var first = await _chain.Head(default);
        await AppendAndChain(5);

        var report = await Verify((first!.Sequence, first.Hash));

        Assert.True(report.Intact, report.FirstDivergence?.Detail);
        Assert.Equal(15, report.EventsChecked);
        Assert.Equal(0, report.Unchained);
    }

    // Regression: the verifier read the head, then every link; a chain extended in between gave links past the head
    // with no event read for them, reported as EVENT_MISSING on an intact log (seen in CI under load).
    [Fact]
    public async Task A_chain_that_grows_while_it_is_verified_is_still_intact()
    {
        await AppendAndChain(10);
        var head = await _chain.Head(default);
        await AppendAndChain(5);

        var report = await AuditVerifier.Verify(_chain, head, null, default);

        Assert.True(report.Intact, report.FirstDivergence?.Detail);
        Assert.Equal(10, report.EventsChecked);
        Assert.Equal(5, report.Unchained);
    }

    [Fact]
    public async Task An_edited_event_is_caught_at_its_sequence()
    {
        await AppendAndChain(10);

        await Sql("update ledger.mt_events set data = jsonb_set(data, '{Amount}', '1000000') where seq_id = 4");

        Assert.Equal(("EVENT_ALTERED", 4L), Divergence(await Verify()));
    }

    [Fact]
    public async Task A_deleted_event_is_caught_at_its_sequence()
    {
        await AppendAndChain(10);

        await Sql("delete from ledger.mt_events where seq_id = 6");

        Assert.Equal(("EVENT_MISSING", 6L), Divergence(await Verify()));
    }

    [Fact]
    public async Task Two_reordered_events_are_caught_at_the_first_of_them()
    {
        await AppendAndChain(10);

        await Sql(
            """
            update ledger.mt_events set seq_id = -3 where seq_id = 3;
            update ledger.mt_events set seq_id = 3 where seq_id = 7;
            update ledger.mt_events set seq_id = 7 where seq_id = -3;
            """
        );

        Assert.Equal(("EVENT_ALTERED", 3L), Divergence(await Verify()));
    }

    [Fact]
    public async Task An_event_inserted_into_a_gap_of_the_chained_log_is_caught()
    {
        await AppendAndChain(5);
        await Sql("select nextval('ledger.mt_events_sequence')");
        await using (var session = _store.LightweightSession())
        {
            session.Events.Append("cash:0", new Deposited("a0", 1));
            await session.SaveChangesAsync();
        }
        await _chain.Extend(int.MaxValue, default, gapGrace: TimeSpan.Zero);

        await Sql(
            """
            insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type)
            select 6, gen_random_uuid(), stream_id, 99, data, type, timestamp, tenant_id, mt_dotnet_type
            from ledger.mt_events where seq_id = 2
            """
        );

        Assert.Equal(("EVENT_NOT_IN_CHAIN", 6L), Divergence(await Verify()));
    }

    [Fact]
    public async Task A_log_rewritten_together_with_its_chain_is_caught_by_a_kept_checkpoint()
    {
        await AppendAndChain(10);
        var kept = await _chain.Head(default);

        await Sql(
            "update ledger.mt_events set data = jsonb_set(data, '{Amount}', '1') where seq_id = 2; truncate ledger.rx_audit_segments"
        );
        await _chain.Extend(int.MaxValue, default);

        var unaware = await Verify();
        var withCheckpoint = await Verify((kept!.Sequence, kept.Hash));
        Assert.True(unaware.Intact);
        Assert.Equal(("CHECKPOINT_MISMATCH", 10L), Divergence(withCheckpoint));
    }

    [Fact]
    public async Task Concurrent_writers_and_chainers_leave_no_event_out_and_none_twice()
    {
        var writers = Enumerable
            .Range(0, 8)
            .Select(async w =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await using var session = _store.LightweightSession();
                    session.Events.Append($"cash:w{w}", new Deposited($"w{w}", i), new Withdrawn($"w{w}", 1));
                    await session.SaveChangesAsync();
                    await _chain.Extend(int.MaxValue, default);
                }
            });
        await Task.WhenAll(writers);
        await _chain.Extend(int.MaxValue, default);

        var report = await Verify();
        Assert.True(report.Intact, report.FirstDivergence?.Detail);
        Assert.Equal(160, report.EventsChecked);
    }

    [Fact]
    public async Task Tombstones_of_a_failed_append_are_not_chained_and_leave_the_chain_intact()
    {
        await AppendAndChain(3);
        await using (var stale = _store.LightweightSession())
        {
            // A second writer appends at a version the first has moved past: Marten fails the commit and fills the
            // sequence numbers it took with tombstones.
            stale.Events.Append("cash:0", 1, new Deposited("a0", 1));
            await Assert.ThrowsAnyAsync<Exception>(() => stale.SaveChangesAsync());
        }
        await AppendAndChain(3);

        var report = await Verify();
        Assert.True(report.Intact, report.FirstDivergence?.Detail);
        Assert.Equal(6, report.EventsChecked);
    }

    private static (string Kind, long Sequence) Divergence(ChainVerification report) =>
        report.FirstDivergence is { } d ? (d.Kind, d.Sequence) : ("INTACT", 0);
}
