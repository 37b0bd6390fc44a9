using System.Diagnostics.Metrics;
using JasperFx.Events;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;

namespace RightsExchange.Hosting;

/// <summary>
/// The exchange's own metrics (meter <c>RightsExchange</c>, on <c>/metrics</c> as <c>rightsexchange_*</c>), counted from
/// the events each writer has just committed, so each fact is counted once, by the service that decided it:
/// <c>rightsexchange.orders</c> (tag <c>outcome</c>: accepted, rejected, funding_rejected), <c>rightsexchange.trades</c>,
/// <c>rightsexchange.settlements</c> (tag <c>outcome</c>: settled, failed), <c>rightsexchange.settlement.latency</c>
/// (seconds from execution to settlement), <c>rightsexchange.group_commit.size</c> (commands per commit) and
/// <c>rightsexchange.group_commit.duration</c> (milliseconds per commit), both tagged with the <c>writer</c>; beside them
/// the queue gauges of <see cref="QueueDepths"/>.
/// </summary>
public static class ExchangeMetrics
{
    public const string MeterName = "RightsExchange";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Orders = Meter.CreateCounter<long>("rightsexchange.orders", "{order}", "Orders decided.");
    private static readonly Counter<long> Trades = Meter.CreateCounter<long>("rightsexchange.trades", "{trade}", "Trades executed.");
    private static readonly Counter<long> Settlements = Meter.CreateCounter<long>(
        "rightsexchange.settlements",
        "{trade}",
        "Trades settled or failed."
    );
    private static readonly Histogram<double> SettlementLatency = Meter.CreateHistogram<double>(
        "rightsexchange.settlement.latency",
        "s",
        "From a trade's execution to its settlement."
    );
    private static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>(
        "rightsexchange.group_commit.size",
        "{command}",
        "Commands per commit."
    );
    private static readonly Histogram<double> GroupDuration = Meter.CreateHistogram<double>(
        "rightsexchange.group_commit.duration",
        "ms",
        "Time per commit."
    );

    /// <summary>Records one committed group of <paramref name="commands"/> and the facts among its <paramref name="events"/>.</summary>
    public static void Committed(string writer, int commands, TimeSpan elapsed, IReadOnlyList<IEvent> events)
    {
        var tag = new KeyValuePair<string, object?>("writer", writer);
        GroupSize.Record(commands, tag);
        GroupDuration.Record(elapsed.TotalMilliseconds, tag);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case OrderAccepted:
                    Orders.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
                    break;
                case OrderRejected:
                    Orders.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));
                    break;
                case OrderFundingRejected:
                    Orders.Add(1, new KeyValuePair<string, object?>("outcome", "funding_rejected"));
                    break;
                case TradeExecuted:
                    Trades.Add(1);
                    break;
                case TradeSettled s:
                    Settlements.Add(1, new KeyValuePair<string, object?>("outcome", "settled"));
                    SettlementLatency.Record((s.SettledAt - s.ExecutedAt).TotalSeconds);
                    break;
                case SettlementFailed:
                    Settlements.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                    break;
            }
        }
    }
}
