using System.Reflection;
using Marten;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Feed;

/// <summary>One group of feed appends.</summary>
public sealed class FeedCommit(IDocumentSession session)
{
    public void Record(IReadOnlyList<FeedEntry> entries)
    {
        if (entries.Count > 0)
            session.Events.Append(FeedEntry.StreamKey, entries.Cast<object>().ToArray());
    }
}

/// <summary>
/// The feed's single writer (group commit). Its queue has one active consumer across gateway instances and the
/// writer commits one group at a time, so feed positions become visible in increasing order: a reader that has seen
/// position n will never later find an entry below n. A source event delivered twice is recorded once (its message id).
/// </summary>
public sealed class FeedWriter(
    IDocumentStore store,
    IClock clock,
    RetrySettings retry,
    GroupCommitSettings grouping,
    CommitPublisher publisher,
    FeedCommits commits,
    ILogger<FeedWriter> logger
) : GroupCommitWriter<FeedCommit>(store, clock, logger, retry, grouping, publisher)
{
    protected override FeedCommit Begin(IDocumentSession session) => new(session);

    protected override void Committed(FeedCommit commit) => commits.Committed();
}

/// <summary>
/// Records every public or participant-facing contract event in the feed: one interface per source of
/// <see cref="FeedMapping.Sources"/> (a unit test holds them to it).
/// </summary>
public sealed class FeedConsumer(FeedWriter writer)
    : IConsumer<MessageBatch<TradeExecuted>>,
        IConsumer<MessageBatch<TradeSettled>>,
        IConsumer<MessageBatch<SettlementFailed>>,
        IConsumer<MessageBatch<OrderBookChanged>>,
        IConsumer<MessageBatch<TradingDayClosed>>,
        IConsumer<MessageBatch<InstrumentHalted>>,
        IConsumer<MessageBatch<InstrumentResumed>>,
        IConsumer<MessageBatch<InstrumentListed>>,
        IConsumer<MessageBatch<RetirementRecorded>>,
        IConsumer<MessageBatch<OrderAccepted>>,
        IConsumer<MessageBatch<OrderRejected>>,
        IConsumer<MessageBatch<OrderFundingRejected>>,
        IConsumer<MessageBatch<OrderCancelled>>,
        IConsumer<MessageBatch<OrderAmended>>,
        IConsumer<MessageBatch<CompensationPaid>>,
        IConsumer<MessageBatch<CompensationIndicatorsSettled>>
{
    /// <summary>The feed's queue (single active consumer).</summary>
    public static string QueueName(string? prefix) => string.IsNullOrEmpty(prefix) ? "gateway-feed" : $"{prefix}-gateway-feed";

    private static readonly MethodInfo BindBatch = typeof(FeedConsumer).GetMethod(
        nameof(BindBatchOf),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    /// <summary>
    /// Binds the feed's queue to the batches of every source of <see cref="FeedMapping.Sources"/>: on the source's own
    /// exchange, or for a <see cref="FeedSource.PartitionBound"/> one on each of the <paramref name="partitions"/> matching
    /// partitions.
    /// </summary>
    public static void Bind(MassTransit.IRabbitMqReceiveEndpointConfigurator e, int partitions)
    {
        foreach (var source in FeedMapping.Sources)
            BindBatch.MakeGenericMethod(source.Event).Invoke(null, [e, source.PartitionBound ? partitions : 0]);
    }

    // partitions: 0 for a source on its own exchange.
    private static void BindBatchOf<T>(MassTransit.IRabbitMqReceiveEndpointConfigurator e, int partitions)
        where T : class
    {
        if (partitions == 0)
            e.Bind<MessageBatch<T>>();
        for (var p = 0; p < partitions; p++)
            MatchingPartitions.Bind<MessageBatch<T>>(e, p);
    }

    public Task Consume(ConsumeContext<MessageBatch<TradeExecuted>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<TradeSettled>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<SettlementFailed>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<OrderBookChanged>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<TradingDayClosed>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<InstrumentHalted>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<InstrumentResumed>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<InstrumentListed>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<RetirementRecorded>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<CompensationPaid>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<CompensationIndicatorsSettled>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<OrderAccepted>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<OrderRejected>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<OrderFundingRejected>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<OrderCancelled>> context) => Record(context);

    public Task Consume(ConsumeContext<MessageBatch<OrderAmended>> context) => Record(context);

    private Task Record<T>(ConsumeContext<MessageBatch<T>> context)
        where T : class
    {
        var source = context.Headers.Get<string>(ExchangeHeaders.Source) ?? "unknown";
        return writer.ExecuteBatch(context, (commit, entry) =>
        {
            commit.Record(FeedMapping.Entries(entry.Message, entry.MessageId, source));
            return Task.FromResult(true);
        });
    }
}
