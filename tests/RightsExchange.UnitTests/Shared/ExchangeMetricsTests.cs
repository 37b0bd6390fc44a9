using System.Diagnostics.Metrics;
using JasperFx.Events;
using NodaTime;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.UnitTests.Shared;

/// <summary>The exchange's metrics count the facts a writer has committed.</summary>
public sealed class ExchangeMetricsTests
{
    [Fact]
    public void A_committed_settlement_counts_once_with_its_latency_and_the_group_its_size()
    {
        var measured = new List<(string Name, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ExchangeMetrics.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => measured.Add((i.Name, v)));
        listener.SetMeasurementEventCallback<int>((i, v, _, _) => measured.Add((i.Name, v)));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => measured.Add((i.Name, v)));
        listener.Start();
        var executed = Instant.FromUtc(2025, 6, 30, 7, 0);
        var settled = new TradeSettled(
            "CEA-2024-00000001",
            "CEA-2024",
            new Quantity(10, "tCO2e"),
            97m,
            Money.InCny(970),
            Guid.NewGuid(),
            "b",
            Guid.NewGuid(),
            "s",
            Money.InCny(1),
            Money.InCny(1),
            executed,
            executed + Duration.FromMilliseconds(250)
        );

        ExchangeMetrics.Committed("SettlementWriter", 3, TimeSpan.FromMilliseconds(4), [new Event<TradeSettled>(settled)]);

        Assert.Contains(("rightsexchange.settlements", 1d), measured);
        Assert.Contains(("rightsexchange.settlement.latency", 0.25), measured);
        Assert.Contains(("rightsexchange.group_commit.size", 3d), measured);
        Assert.Contains(("rightsexchange.group_commit.duration", 4d), measured);
    }
}
