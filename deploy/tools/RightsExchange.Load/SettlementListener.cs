using System.Collections.Concurrent;
using System.Globalization;
using MassTransit;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.Load;

/// <summary>
/// Subscribes to the <see cref="TradeSettled"/> batches the settlement service publishes on RabbitMQ and records when
/// each order of the run's instrument was reported settled. (The public feed leaves order ids out of its CloudEvents.)
/// </summary>
public sealed class SettlementListener : IConsumer<MessageBatch<TradeSettled>>
{
    public static string InstrumentId { get; set; } = "";
    public static ConcurrentDictionary<Guid, long> SettledAt { get; } = new();

    public Task Consume(ConsumeContext<MessageBatch<TradeSettled>> context)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var trade in context.Message.Entries.Select(e => e.Message).Where(t => t.InstrumentId == InstrumentId))
        {
            SettledAt.TryAdd(trade.BuyOrderId, now);
            SettledAt.TryAdd(trade.SellOrderId, now);
        }
        return Task.CompletedTask;
    }

    public static IBusControl Bus(string host, string virtualHost, string username, string password) =>
        MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            var (name, port) = host.Split(':') is [var n, var p]
                ? (n, ushort.Parse(p, CultureInfo.InvariantCulture))
                : (host, (ushort)5672);
            cfg.Host(name, port, virtualHost, h =>
            {
                h.Username(username);
                h.Password(password);
            });
            cfg.ConfigureJsonSerializerOptions(ContractJson.Configure);
            cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("load"), e =>
            {
                e.PrefetchCount = 1000;
                e.Consumer<SettlementListener>();
            });
        });
}
