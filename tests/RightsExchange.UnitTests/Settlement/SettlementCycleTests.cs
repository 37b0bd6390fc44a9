using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Settlement.Cycles;
using RightsExchange.Settlement.Reconciliation;
using RightsExchange.Settlement.Settlements;
using RightsExchange.Settlement.Statements;
using SettlementState = RightsExchange.Settlement.Settlements.TradeSettlement;

namespace RightsExchange.UnitTests.Settlement;

public class SettlementCycleTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly SettlementCycleSettings Settings = new()
    {
        Cycles = new() { ["PollutantRight"] = SettlementCycle.EndOfDayNet },
        NetCutOff = new TimeSpan(15, 15, 0),
    };
    private static readonly FeeSchedule Fees = new("standard", 5, 5, MinimumPerTrade: 1.00m);

    private static Instant At(int day, int hour, int minute) =>
        new LocalDateTime(2025, 6, day, hour, minute).InZoneStrictly(Shanghai).ToInstant();

    private static SettlementInstructed Trade(
        string id,
        string buyer,
        string seller,
        decimal quantity,
        decimal price,
        string instrument = "VOCS"
    ) =>
        TradeExecutedConsumer.Instruct(
            new TradeExecuted(
                id,
                instrument,
                "t/yr",
                quantity,
                price,
                Guid.NewGuid(),
                buyer,
                Guid.NewGuid(),
                seller,
                Side.Buy,
                0,
                0,
                At(30, 10, 0)
            ),
            Fees,
            At(30, 10, 0)
        );

    [Fact]
    public void A_class_without_a_configured_cycle_settles_real_time_gross()
    {
        var plan = SettlementCycles.Plan(InstrumentClass.Allowance, At(30, 10, 0), Settings, Shanghai);

        Assert.Equal(new CyclePlan(SettlementCycle.RealTimeGross, null, null), plan);
    }

    [Theory]
    [InlineData(10, 0, 0)]
    [InlineData(15, 15, 0)]
    [InlineData(15, 16, 1)]
    public void A_net_trade_settles_in_its_days_cycle_or_the_next_days_after_the_cut_off(int hour, int minute, int daysLater)
    {
        var plan = SettlementCycles.Plan(InstrumentClass.PollutantRight, At(30, hour, minute), Settings, Shanghai);

        var expectedDate = new LocalDate(2025, 6, 30).PlusDays(daysLater);
        Assert.Equal(SettlementCycle.EndOfDayNet, plan.Cycle);
        Assert.Equal(expectedDate, plan.CycleDate);
        Assert.Equal((expectedDate + new LocalTime(15, 15)).InZoneStrictly(Shanghai).ToInstant(), plan.CutOff);
    }

    [Fact]
    public void Net_obligations_sum_each_participants_trades_and_every_asset_nets_to_zero()
    {
        // A buys 10 from B and sells 4 to B: A receives 6 units net; cash nets the two considerations and both fees.
        var one = Trade("T1", "A", "B", 10, 100m);
        var two = Trade("T2", "B", "A", 4, 101m);

        var net = NetObligation.Of([one, two], "exchange");

        Assert.Equal(
            [
                new("A", "VOCS", "t/yr", 6m),
                new("A", "CNY", "CNY", -1000.00m - 1.00m + 404.00m - 1.00m),
                new("B", "VOCS", "t/yr", -6m),
                new("B", "CNY", "CNY", 1000.00m - 1.00m - 404.00m - 1.00m),
                new("exchange", "CNY", "CNY", 4.00m),
            ],
            net
        );
        Assert.All(net.GroupBy(o => o.Asset), g => Assert.Equal(0m, g.Sum(o => o.Net)));
    }

    [Fact]
    public void A_scheduled_settlement_is_instructed_by_its_cycle_then_settles()
    {
        var instructions = Trade("T1", "A", "B", 10, 100m);
        var key = SettlementState.StreamKey("T1");
        var cutOff = At(30, 15, 15);
        var state = SettlementState.Fold(null, key, new SettlementScheduled(instructions, new LocalDate(2025, 6, 30), cutOff))!;
        Assert.Equal((SettlementState.Scheduled, SettlementCycle.EndOfDayNet, cutOff), (state.Status, state.Cycle, state.CutOff));

        state = SettlementState.Fold(state, key, new SettlementNetted("T1", "C1", cutOff))!;
        Assert.Equal((SettlementState.Instructed, "C1", cutOff), (state.Status, state.CycleId, state.Instructions.InstructedAt));

        Assert.Throws<InvalidOperationException>(() => SettlementState.Fold(state, key, new SettlementNetted("T1", "C2", cutOff)));
    }

    [Fact]
    public void A_scheduled_settlement_is_in_flight_until_its_cut_off_and_a_difference_after()
    {
        var instructions = Trade("T1", "A", "B", 10, 100m);
        var cutOff = At(30, 15, 15);
        var scheduled = SettlementState.Fold(
            null,
            SettlementState.StreamKey("T1"),
            new SettlementScheduled(instructions, new LocalDate(2025, 6, 30), cutOff)
        )!;
        var registry = new SettlementPostings(1, "ab", cutOff, [], [], "exchange", 0m);
        var conserved = new ConservationReport([], new CashConservation(0, 0, 0), true);

        var before = Reconcile.Compare(Guid.NewGuid(), At(30, 14, 0), "test", [scheduled], registry, conserved, Duration.FromMinutes(1));
        var after = Reconcile.Compare(Guid.NewGuid(), At(30, 15, 30), "test", [scheduled], registry, conserved, Duration.FromMinutes(1));

        Assert.True(before.Balanced);
        Assert.Equal(1, before.InFlight);
        Assert.Equal(Reconcile.KindOf.NotFinal, Assert.Single(after.Differences).Kind);
    }

    [Fact]
    public void A_daily_statement_lists_the_days_trades_from_the_participants_side_and_nets_the_settled_ones()
    {
        var bought = Trade("T1", "A", "B", 10, 100m);
        var sold = Trade("T2", "B", "A", 4, 101m);
        var failed = Trade("T3", "A", "C", 1, 100m);
        var at = At(30, 15, 15);
        SettlementState Final(SettlementInstructed i, bool ok) =>
            new(
                SettlementState.StreamKey(i.SettlementId),
                i,
                ok ? SettlementState.Settled : SettlementState.Failed,
                ok ? null : "INSUFFICIENT_CASH",
                ok ? at : null,
                ok ? null : at
            );

        var statement = GetDailyStatementConsumer.Of(
            "A",
            new LocalDate(2025, 6, 30),
            "Asia/Shanghai",
            [Final(sold, true), Final(bought, true), Final(failed, false)],
            at
        );

        Assert.Equal(
            ["T1:Buy:B:1.00", "T2:Sell:B:1.00", "T3:Buy:C:1.00"],
            statement.Trades.Select(t => $"{t.TradeId}:{t.Side}:{t.Counterparty}:{t.Fee:0.00}")
        );
        Assert.Equal(2.00m, statement.FeesPaid);
        Assert.Equal([new("A", "VOCS", "t/yr", 6m), new("A", "CNY", "CNY", -598.00m)], statement.NetMovements);
    }
}
