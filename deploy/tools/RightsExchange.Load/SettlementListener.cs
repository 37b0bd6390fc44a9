using System.Collections.Concurrent;
using MassTransit;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.Load;

/// <summary>
/// Subscribes to the public <see cref="TradeSettled"/> events on RabbitMQ, as an outside system would, and records
/// when each order of the run's instrument was reported settled.
/// </summary>
public sealed class SettlementListener : IConsumer<TradeSettled>
{
    public static string InstrumentId { get; set; } = "";
    public static ConcurrentDictionary<Guid, long> SettledAt { get; } = new();

    public Task Consume(ConsumeContext<TradeSettled> context)
    {
        var trade = context.Message;
        if (trade.InstrumentId != InstrumentId) return Task.CompletedTask;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        SettledAt.TryAdd(trade.BuyOrderId, now);
        SettledAt.TryAdd(trade.SellOrderId, now);
        return Task.CompletedTask;
    }

    public static IBusControl Bus(string host, string virtualHost, string username, string password) =>
        MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(host, virtualHost, h =>
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
