using MassTransit;
using RabbitMQ.Client;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Hosting;

/// <summary>
/// Instruments are spread over a fixed number of matching partitions (configuration <c>Matching:Partitions</c> in
/// market.json, shared by every service). Every message a book must see in order is published with its partition as
/// routing key to a direct exchange, and each partition has one queue with a single active consumer: however many
/// matching instances run, one engine at a time feeds a partition's books, and another takes over when it dies.
/// </summary>
public static class MatchingPartitions
{
    /// <summary>Configuration key of the partition count.</summary>
    public const string CountKey = "Matching:Partitions";

    /// <summary>The partition of <paramref name="instrumentId"/>: FNV-1a of its UTF-16 code units, modulo <paramref name="count"/> (stable
    /// across processes and machines).</summary>
    public static int Of(string instrumentId, int count)
    {
        var hash = 2166136261u;
        foreach (var c in instrumentId)
            hash = unchecked((hash ^ c) * 16777619u);
        return (int)(hash % (uint)count);
    }

    /// <summary>The routing key of partition <paramref name="partition"/>.</summary>
    public static string RoutingKey(int partition) => $"p{partition}";

    /// <summary>The exchange (entity) name of matching input <typeparamref name="T"/> (of its type argument, for a batch).</summary>
    public static string ExchangeOf<T>() =>
        $"rightsexchange.matching-input.{(typeof(T).IsGenericType ? typeof(T).GetGenericArguments()[0].Name + "-batch" : typeof(T).Name)}";

    /// <summary>
    /// The instrument whose partition a batched matching input goes to, or null for a message that is not one. Batches
    /// of these types hold one partition's messages each (<see cref="Batching.BatchPublisher"/>).
    /// </summary>
    public static string? InstrumentOf(object message) =>
        message switch
        {
            InstrumentListed m => m.InstrumentId,
            OrderFunded m => m.InstrumentId,
            OrderAmendFunded m => m.InstrumentId,
            CancelOrder m => m.InstrumentId,
            DeclineBlockTrade m => m.InstrumentId,
            _ => null,
        };

    /// <summary>The partition of a batched matching input among <paramref name="count"/>, or null for any other message.</summary>
    public static int? PartitionOf(object message, int count) => InstrumentOf(message) is { } instrumentId ? Of(instrumentId, count) : null;

    /// <summary>
    /// Publishes every matching input to its own direct exchange, keyed by the instrument's partition: the batched
    /// inputs (<see cref="InstrumentOf"/>) by their first entry, the requests and controls one by one.
    /// </summary>
    public static void ConfigureTopology(IRabbitMqBusFactoryConfigurator cfg, int count)
    {
        RouteBatch<InstrumentListed>(cfg, count);
        RouteBatch<OrderFunded>(cfg, count);
        RouteBatch<OrderAmendFunded>(cfg, count);
        RouteBatch<CancelOrder>(cfg, count);
        RouteBatch<DeclineBlockTrade>(cfg, count);
        Route<HaltInstrument>(cfg, count, m => m.InstrumentId);
        Route<ResumeInstrument>(cfg, count, m => m.InstrumentId);
        Route<GetMarket>(cfg, count, m => m.InstrumentId);
    }

    /// <summary>Binds a partition's queue to every input exchange, for partition <paramref name="partition"/>'s routing key.</summary>
    public static void BindInputs(IRabbitMqReceiveEndpointConfigurator endpoint, int partition)
    {
        Bind<MessageBatch<InstrumentListed>>(endpoint, partition);
        Bind<MessageBatch<OrderFunded>>(endpoint, partition);
        Bind<MessageBatch<OrderAmendFunded>>(endpoint, partition);
        Bind<MessageBatch<CancelOrder>>(endpoint, partition);
        Bind<MessageBatch<DeclineBlockTrade>>(endpoint, partition);
        Bind<HaltInstrument>(endpoint, partition);
        Bind<ResumeInstrument>(endpoint, partition);
        Bind<GetMarket>(endpoint, partition);
    }

    private static void RouteBatch<T>(IRabbitMqBusFactoryConfigurator cfg, int count)
        where T : class => Route<MessageBatch<T>>(cfg, batch => Of(InstrumentOf(batch.Entries[0].Message)!, count));

    /// <summary>Routes <typeparamref name="T"/> to the partition of the instrument <paramref name="instrumentOf"/> names, among
    /// <paramref name="count"/>.</summary>
    public static void Route<T>(IRabbitMqBusFactoryConfigurator cfg, int count, Func<T, string> instrumentOf)
        where T : class => Route<T>(cfg, m => Of(instrumentOf(m), count));

    /// <summary>Routes <typeparamref name="T"/> to the partition <paramref name="partitionOf"/> names.</summary>
    public static void Route<T>(IRabbitMqBusFactoryConfigurator cfg, Func<T, int> partitionOf)
        where T : class
    {
        cfg.Message<T>(m => m.SetEntityName(ExchangeOf<T>()));
        cfg.Publish<T>(p => p.ExchangeType = ExchangeType.Direct);
        cfg.Send<T>(s => s.UseRoutingKeyFormatter(context => RoutingKey(partitionOf(context.Message))));
    }

    /// <summary>Binds <typeparamref name="T"/>'s exchange to <paramref name="endpoint"/> for <paramref name="partition"/>.</summary>
    public static void Bind<T>(IRabbitMqReceiveEndpointConfigurator endpoint, int partition)
        where T : class =>
        endpoint.Bind<T>(b =>
        {
            b.ExchangeType = ExchangeType.Direct;
            b.RoutingKey = RoutingKey(partition);
        });
}
