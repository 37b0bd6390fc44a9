using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Settlements;

/// <summary>One group of settlement commands, with the fee schedule in force.</summary>
public sealed class SettlementCommit(StreamCache streams, Instant now, FeeSchedule feeSchedule)
{
    public StreamCache Streams { get; } = streams;
    public Instant Now { get; } = now;
    public FeeSchedule FeeSchedule { get; } = feeSchedule;

    public Task<TrackedStream<TradeSettlement>> Settlement(string tradeId) =>
        Streams.Open<TradeSettlement>(TradeSettlement.StreamKey(tradeId));
}

/// <summary>The settlement ledger's single writer (group commit).</summary>
public sealed class SettlementWriter(
    IDocumentStore store,
    IClock clock,
    IOptions<FeeScheduleSettings> fees,
    RetrySettings retry,
    GroupCommitSettings grouping,
    CommitPublisher publisher,
    ILogger<SettlementWriter> logger
) : GroupCommitWriter<SettlementCommit>(store, clock, logger, retry, grouping, publisher)
{
    private readonly AggregateCache _aggregates = new();

    protected override Action? Prefetch(SettlementCommit commit, Marten.Services.BatchQuerying.IBatchedQuery batch) =>
        commit.Streams.FetchWanted(batch);

    protected override SettlementCommit Begin(IDocumentSession session) =>
        new(new StreamCache(session, _aggregates), Clock.GetCurrentInstant(), fees.Value.ToSchedule());

    protected override void BeforeCommit(SettlementCommit commit) => commit.Streams.StoreDocuments();

    protected override void Committed(SettlementCommit commit) => commit.Streams.Committed();

    protected override void Abandon(SettlementCommit commit) => _aggregates.Clear();
}
