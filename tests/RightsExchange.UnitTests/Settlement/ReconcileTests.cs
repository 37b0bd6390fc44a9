using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Settlement.Reconciliation;
using RightsExchange.Settlement.Settlements;
using SettlementState = RightsExchange.Settlement.Settlements.TradeSettlement;

namespace RightsExchange.UnitTests.Settlement;

public class ReconcileTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 6, 30, 2, 0);
    private static readonly Duration Grace = Duration.FromMinutes(1);
    private static readonly ConservationReport Conserved = new([], new CashConservation(0, 0, 0), true);

    private static SettlementInstructed Instructions(string id) =>
        TradeExecutedConsumer.Instruct(
            new TradeExecuted(id, "CEA", "tCO2e", 300, 97.50m, Guid.NewGuid(), "buyer", Guid.NewGuid(), "seller", Side.Buy, 0, 0, T0),
            new FeeSchedule("standard", 5, 5),
            T0
        );

    private static SettlementState Settled(string id, Instant at) =>
        new("settlement:" + id, Instructions(id), SettlementState.Settled, null, at);

    private static SettlementPostings Registry(
        Instant cutAt,
        IEnumerable<SettlementOutcome> outcomes,
        IEnumerable<PostingLeg> legs,
        decimal feeHeld
    ) => new(42, "ab", cutAt, outcomes.ToList(), legs.ToList(), "exchange", feeHeld);

    private static ReconciliationReport Run(Instant now, SettlementPostings registry, params SettlementState[] settlements) =>
        Reconcile.Compare(Guid.NewGuid(), now, "test", settlements, registry, Conserved, Grace);

    [Fact]
    public void A_settlement_posted_exactly_as_instructed_balances()
    {
        var s = Settled("T1", T0);
        var report = Run(
            T0.Plus(Duration.FromMinutes(10)),
            Registry(
                T0.Plus(Duration.FromMinutes(5)),
                [new("T1", SettlementOutcome.Posted, T0)],
                Reconcile.ExpectedLegs(s.Instructions, "exchange"),
                29.26m
            ),
            s
        );

        Assert.True(report.Balanced);
        Assert.Equal((1, 1, 0, 0, 29.26m), (report.Trades, report.Settled, report.Failed, report.InFlight, report.FeesCollected));
    }

    [Fact]
    public void A_leg_posted_twice_is_a_posting_mismatch_naming_the_leg()
    {
        var s = Settled("T1", T0);
        var legs = Reconcile.ExpectedLegs(s.Instructions, "exchange").ToList();
        legs.Add(legs[1]);
        var report = Run(
            T0.Plus(Duration.FromMinutes(10)),
            Registry(T0.Plus(Duration.FromMinutes(5)), [new("T1", SettlementOutcome.Posted, T0)], legs, 29.26m),
            s
        );

        var difference = Assert.Single(report.Differences);
        Assert.Equal(("POSTING_MISMATCH", "T1"), (difference.Kind, difference.TradeId));
        Assert.Contains("not instructed UnitsReceived 300 CEA (buyer)", difference.Detail);
    }

    [Fact]
    public void A_settled_trade_missing_from_the_registry_is_in_flight_within_the_grace_and_a_difference_after_it()
    {
        var s = Settled("T1", T0);

        var recent = Run(T0.Plus(Duration.FromSeconds(5)), Registry(T0.Plus(Duration.FromSeconds(2)), [], [], 0m), s);
        Assert.True(recent.Balanced);
        Assert.Equal(1, recent.InFlight);

        var old = Run(T0.Plus(Duration.FromMinutes(10)), Registry(T0.Plus(Duration.FromMinutes(5)), [], [], 0m), s);
        Assert.Equal("POSTING_MISSING", Assert.Single(old.Differences).Kind);
    }

    [Fact]
    public void A_refused_settlement_that_moved_units_and_an_unknown_trade_are_both_reported()
    {
        var failed = new SettlementState("settlement:T1", Instructions("T1"), SettlementState.Failed, "INSUFFICIENT_CASH", null, T0);
        var stray = new PostingLeg("T9", "UnitsReceived", "buyer", "CEA", 5);
        var registry = Registry(
            T0.Plus(Duration.FromMinutes(5)),
            [new("T1", SettlementOutcome.Refused, T0)],
            [new PostingLeg("T1", "UnitsDelivered", "seller", "CEA", 300), stray],
            0m
        );

        var report = Run(T0.Plus(Duration.FromMinutes(10)), registry, failed);

        Assert.Equal(["POSTED_BUT_FAILED", "POSTING_WITHOUT_SETTLEMENT"], report.Differences.Select(d => d.Kind));
        Assert.Equal((0, 1), (report.Settled, report.Failed));
    }

    [Fact]
    public void An_instruction_never_answered_past_the_grace_is_not_final_and_the_fee_account_must_hold_the_fees()
    {
        var pending = new SettlementState("settlement:T1", Instructions("T1"), SettlementState.Instructed, null, null);
        var report = Run(T0.Plus(Duration.FromMinutes(10)), Registry(T0.Plus(Duration.FromMinutes(5)), [], [], 1.00m), pending);

        Assert.Equal(["NOT_FINAL", "FEE_ACCOUNT"], report.Differences.Select(d => d.Kind));
    }

    [Fact]
    public void Conservation_differences_are_carried_into_the_report()
    {
        var conservation = new ConservationReport(
            [new InstrumentConservation("CEA", "tCO2e", 1_000, 1_300, 300)],
            new CashConservation(10, 10, 0),
            false
        );
        var report = Reconcile.Compare(Guid.NewGuid(), T0, "test", [], Registry(T0, [], [], 0m), conservation, Grace);

        var difference = Assert.Single(report.Differences);
        Assert.Equal(("CONSERVATION", "CEA: 1000 tCO2e issued, 1300 held."), (difference.Kind, difference.Detail));
    }
}
