using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Orders;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts;

public class LedgerFoldTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 6, 30, 2, 0);

    private static T? FoldAll<T>(string key, params object[] events)
        where T : class, Hosting.IFold<T>
    {
        T? state = null;
        foreach (var e in events)
            state = T.Fold(state, key, e);
        return state;
    }

    [Fact]
    public void A_holding_is_issued_units_less_deliveries_with_reservations_apart()
    {
        var order = Guid.NewGuid();
        var holding = FoldAll<Holding>(
            StreamKeys.Holding("seller", "CEA-2024"),
            new UnitsIssued(Guid.NewGuid(), "CEA-2024", "seller", new Quantity(1000, "tCO2e"), T0),
            new UnitsReserved(order, 600, T0),
            new UnitsDelivered("T1", order, 400, 97.5m, "buyer", T0),
            new UnitsReleased(order, 200, T0),
            new UnitsReceived("T2", 50, 97.4m, "other", T0)
        )!;

        Assert.Equal(("seller", "CEA-2024"), (holding.ParticipantId, holding.InstrumentId));
        Assert.Equal(650m, holding.Available);
        Assert.Equal(0m, holding.Reserved);
    }

    [Fact]
    public void A_cash_account_pays_from_its_reservation_and_receives_net_of_fees()
    {
        var order = Guid.NewGuid();
        var cash = FoldAll<CashAccount>(
            StreamKeys.Cash("buyer"),
            new CashDeposited(Guid.NewGuid(), "buyer", Money.InCny(100_000m), T0),
            new CashReserved(order, 39_219.60m, T0),
            new ConsiderationPaid("T1", order, 39_000m, 19.50m, 39_019.50m, 0m, "seller", T0),
            new CashReleased(order, 200.10m, T0),
            new ConsiderationReceived("T2", 1_000m, 0.50m, "other", T0)
        )!;

        Assert.Equal(100_000m - 39_019.50m + 999.50m, cash.Available);
        Assert.Equal(0m, cash.Reserved);
    }

    [Fact]
    public void An_order_reservation_is_done_when_every_unit_settled_or_closed()
    {
        var id = Guid.NewGuid();
        var reservation = FoldAll<OrderReservation>(
            StreamKeys.Order(id),
            new OrderFunded(id, "c1", "buyer", "CEA-2024", Side.Buy, 100, 98m, 9_804.90m, T0, T0),
            new FillSettled("T1", 60, 5_852.93m, T0),
            new OrderQuantityClosed(40, "CANCELLED", T0)
        )!;

        Assert.Equal(0m, reservation.OpenQuantity);
        Assert.Equal(9_804.90m - 5_852.93m, reservation.Remaining);
    }

    [Fact]
    public void Pledged_units_stay_held_and_retired_units_leave_the_holding()
    {
        var key = StreamKeys.Holding("farm", "FMS");
        Holding? h = null;
        foreach (
            var e in new object[]
            {
                new UnitsIssued(Guid.NewGuid(), "FMS", "farm", new Quantity(1_000m, "tCO2e"), T0),
                new UnitsPledged(Guid.NewGuid(), 600m, "bank", T0),
                new PledgedUnitsReleased(Guid.NewGuid(), 200m, T0),
                new PledgedUnitsEnforced(Guid.NewGuid(), 400m, "bank", T0),
                new UnitsTransferredOut(Guid.NewGuid(), 100m, 18.54m, "plant", T0),
                new UnitsRetired(Guid.NewGuid(), 50m, T0),
            }
        )
            h = Holding.Fold(h, key, e);

        Assert.Equal((450m, 0m, 0m, 50m, 450m), (h!.Available, h.Reserved, h.Pledged, h.Retired, h.Held));
    }

    [Fact]
    public void A_pledge_ends_once()
    {
        var registered = new PledgeRegistered(Guid.NewGuid(), "farm", "bank", "FMS", new Quantity(600m, "tCO2e"), "loan", "farm", T0);
        var key = RightsExchange.Accounts.Pledges.Pledge.StreamPrefix + registered.PledgeId;
        var pledge = RightsExchange.Accounts.Pledges.Pledge.Fold(null, key, registered)!;
        pledge = RightsExchange.Accounts.Pledges.Pledge.Fold(
            pledge,
            key,
            new PledgeEnded(registered.PledgeId, "Enforced", "default", "regulator", T0)
        )!;

        Assert.Equal("Enforced", pledge.Status);
        Assert.Throws<InvalidOperationException>(() =>
            RightsExchange.Accounts.Pledges.Pledge.Fold(pledge, key, new PledgeEnded(registered.PledgeId, "Released", "again", "bank", T0))
        );
    }

    [Fact]
    public void A_forward_pledge_counts_what_arrived_and_takes_nothing_once_ended()
    {
        var maturity = new LocalDate(2031, 12, 31);
        var loan = new PledgeLoan(Money.InCny(20_000_000m), maturity, Money.InCny(20_000_000m), maturity);
        var registered = new ForwardPledgeRegistered(
            Guid.NewGuid(),
            "farm",
            "bank",
            "FMS",
            "project",
            new Quantity(300m, "tCO2e"),
            loan,
            "loan",
            "farm",
            T0
        );
        var key = RightsExchange.Accounts.Pledges.Pledge.StreamPrefix + registered.PledgeId;
        var pledge = RightsExchange.Accounts.Pledges.Pledge.Fold(null, key, registered)!;
        Assert.Equal((0m, 300m, "farm", "bank"), (pledge.PledgedQuantity, pledge.Outstanding, pledge.PledgorId, pledge.PledgeeId));

        pledge = RightsExchange.Accounts.Pledges.Pledge.Fold(
            pledge,
            key,
            new ForwardPledgeUnitsArrived(registered.PledgeId, Guid.NewGuid(), new Quantity(120.5m, "tCO2e"), [], T0)
        )!;
        Assert.Equal((120.5m, 179.5m), (pledge.PledgedQuantity, pledge.Outstanding));

        var repurchased = new PledgeEnded(registered.PledgeId, "Repurchased", "repaid", "farm", T0);
        pledge = RightsExchange.Accounts.Pledges.Pledge.Fold(pledge, key, repurchased)!;
        Assert.Equal("Repurchased", pledge.Status);
        Assert.Throws<InvalidOperationException>(() =>
            RightsExchange.Accounts.Pledges.Pledge.Fold(
                pledge,
                key,
                new ForwardPledgeUnitsArrived(registered.PledgeId, Guid.NewGuid(), new Quantity(1m, "tCO2e"), [], T0)
            )
        );
    }

    [Fact]
    public void A_freeze_holds_its_reason_until_lifted_and_cannot_be_applied_twice()
    {
        var key = StreamKeys.Participant("p");
        var state = Participant.Fold(null, key, new ParticipantRegistered("p", "P", ParticipantKind.Enterprise, "CN-AH", T0))!;
        state = Participant.Fold(state, key, new AccountFrozen("p", "court order", "regulator", T0))!;
        Assert.Equal((true, "court order"), (state.Frozen, state.FrozenReason));

        Assert.Throws<InvalidOperationException>(() => Participant.Fold(state, key, new AccountFrozen("p", "again", "regulator", T0)));
        state = Participant.Fold(state, key, new AccountUnfrozen("p", "lifted", "regulator", T0))!;
        Assert.False(state.Frozen);
    }

    [Theory]
    [InlineData("2028-12-31", "2028-12-31", false)]
    [InlineData("2028-12-31", "2029-01-01", true)]
    [InlineData(null, "2099-01-01", false)]
    public void A_right_expires_the_day_after_its_validity_ends(string? validTo, string day, bool expired)
    {
        var to = validTo is null ? (LocalDate?)null : NodaTime.Text.LocalDatePattern.Iso.Parse(validTo).Value;
        var instrument = new Instrument(
            "instrument:W",
            new InstrumentListed(
                "W",
                "water",
                InstrumentClass.WaterRight,
                "m3/yr",
                1,
                null,
                new LocalDate(2024, 1, 1),
                to,
                "Dongjiang",
                "regional-demo",
                0.1m,
                T0
            )
        );

        Assert.Equal(expired, instrument.ExpiredOn(NodaTime.Text.LocalDatePattern.Iso.Parse(day).Value));
    }

    [Fact]
    public void A_stream_event_of_another_kind_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            Holding.Fold(null, StreamKeys.Holding("p", "i"), new CashReserved(Guid.NewGuid(), 1m, T0))
        );
    }

    [Theory]
    [InlineData(400, 98.00, 5, 39_219.60)]
    [InlineData(3494.9, 95.00, 5, 332_181.51)]
    [InlineData(1, 0.01, 5, 0.01)]
    public void A_buy_reserves_consideration_at_the_limit_plus_the_buyer_fee(decimal quantity, decimal limit, decimal bps, decimal expected)
    {
        Assert.Equal(expected, PlaceOrderConsumer.BuyReservation(quantity, limit, new FeeSchedule("test", bps, bps)));
    }

    [Theory]
    [InlineData(1, 0.01, 1.01)]
    [InlineData(400, 98.00, 39_219.60)]
    public void A_buy_reserves_at_least_one_minimum_fee(decimal quantity, decimal limit, decimal expected)
    {
        Assert.Equal(expected, PlaceOrderConsumer.BuyReservation(quantity, limit, new FeeSchedule("test", 5, 5, MinimumPerTrade: 1.00m)));
    }
}
