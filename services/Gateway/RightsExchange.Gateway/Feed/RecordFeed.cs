using Marten;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Feed;

/// <summary>One group of feed appends.</summary>
public sealed class FeedUnit(IDocumentSession session)
{
    public void Record(IReadOnlyList<FeedEntry> entries)
    {
        if (entries.Count > 0) session.Events.Append(FeedEntry.StreamKey, entries.Cast<object>().ToArray());
    }
}

/// <summary>
/// The feed's single writer (group commit). Its queue has one active consumer across gateway instances and the
/// writer commits one group at a time, so feed positions become visible in increasing order: a reader that has seen
/// position n will never later find an entry below n. A source event delivered twice is recorded once (its message id).
/// </summary>
public sealed class FeedWriter(
    IDocumentStore store, IClock clock, RetrySettings retry, GroupCommitSettings grouping, CommitPublisher publisher, ILogger<FeedWriter> logger)
    : GroupCommitWriter<FeedUnit>(store, clock, logger, retry, grouping, publisher)
{
    protected override FeedUnit Begin(IDocumentSession session) => new(session);
}

/// <summary>Records every public or participant-facing contract event in the feed (see <see cref="FeedMapping"/>).</summary>
public sealed class FeedConsumer(FeedWriter writer) :
    IConsumer<TradeExecuted>, IConsumer<TradeSettled>, IConsumer<SettlementFailed>, IConsumer<OrderBookChanged>, IConsumer<TradingDayClosed>,
    IConsumer<InstrumentHalted>, IConsumer<InstrumentResumed>, IConsumer<InstrumentListed>, IConsumer<RetirementRecorded>, IConsumer<OrderAccepted>, IConsumer<OrderRejected>,
    IConsumer<OrderFundingRejected>, IConsumer<OrderCancelled>, IConsumer<OrderAmended>
{
    /// <summary>The feed's queue (single active consumer).</summary>
    public static string QueueName(string? prefix) => string.IsNullOrEmpty(prefix) ? "gateway-feed" : $"{prefix}-gateway-feed";

    public Task Consume(ConsumeContext<TradeExecuted> context) => Record(context);
    public Task Consume(ConsumeContext<TradeSettled> context) => Record(context);
    public Task Consume(ConsumeContext<SettlementFailed> context) => Record(context);
    public Task Consume(ConsumeContext<OrderBookChanged> context) => Record(context);
    public Task Consume(ConsumeContext<TradingDayClosed> context) => Record(context);
    public Task Consume(ConsumeContext<InstrumentHalted> context) => Record(context);
    public Task Consume(ConsumeContext<InstrumentResumed> context) => Record(context);
    public Task Consume(ConsumeContext<InstrumentListed> context) => Record(context);
    public Task Consume(ConsumeContext<RetirementRecorded> context) => Record(context);
    public Task Consume(ConsumeContext<OrderAccepted> context) => Record(context);
    public Task Consume(ConsumeContext<OrderRejected> context) => Record(context);
    public Task Consume(ConsumeContext<OrderFundingRejected> context) => Record(context);
    public Task Consume(ConsumeContext<OrderCancelled> context) => Record(context);
    public Task Consume(ConsumeContext<OrderAmended> context) => Record(context);

    private Task Record<T>(ConsumeContext<T> context) where T : class
    {
        var source = context.Headers.Get<string>(ExchangeHeaders.Source) ?? "unknown";
        var entries = FeedMapping.Entries(context.Message, context.MessageId!.Value, source);
        return writer.Execute(context.MessageId!.Value, typeof(T).Name, unit =>
        {
            unit.Record(entries);
            return Task.FromResult(true);
        }, context.CancellationToken);
    }
}
