using NodaTime;
using RightsExchange.Accounts.DeliveryVersusPayment;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts.DeliveryVersusPayment;

/// <summary>
/// Delivery versus payment's decisions, Given the states of a settlement's streams, When its instructions arrive,
/// Then it posts or is refused with its reason: without a store or a broker.
/// </summary>
public sealed class SettlementDecisionTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 6, 30, 2, 0);
    private static readonly LocalDate TradingDay = new(2026, 6, 30);
    private static readonly Guid BuyOrderId = Guid.NewGuid();
    private static readonly Guid SellOrderId = Guid.NewGuid();

    // 100 t at 97.50: 9,750.00 CNY, fees 4.88 CNY a side.
    private static readonly SettlementInstructed Trade = new(
        "T-1",
        "CEA-2025",
        "tCO2e",
        100m,
        97.50m,
        Money.InCny(9_750m),
        BuyOrderId,
        "buyer",
        Money.InCny(4.88m),
        SellOrderId,
        "seller",
        Money.InCny(4.88m),
        new FeeSchedule("Trading", 5m, 5m, 1m),
        T0,
        T0
    );

    private static Participant Party(string id) => new($"participant:{id}", id, id, ParticipantKind.Enterprise, "CN");

    private static Instrument Cea(LocalDate? validTo = null) =>
        new(
            "instrument:CEA-2025",
            new InstrumentListed(
                "CEA-2025",
                "CEA 2025",
                InstrumentClass.Allowance,
                "tCO2e",
                1m,
                2025,
                null,
                validTo,
                "CN",
                "cea",
                97.5m,
                T0
            )
        );

    private static OrderReservation Reservation(Guid orderId, string participant, Side side, decimal reserved) =>
        new($"order:{orderId}", orderId, participant, "CEA-2025", side, 100m, 97.50m, reserved, 0m, 0m, 0m, 0m, null);

    // Given: both parties active, the right valid, the buy order reserved at its limit plus the fee, the sell order its units.
    private static SettlementState Funded() =>
        new(
            Party("buyer"),
            Party("seller"),
            Cea(),
            null,
            Reservation(BuyOrderId, "buyer", Side.Buy, 9_754.88m),
            Reservation(SellOrderId, "seller", Side.Sell, 100m),
            0m
        );

    [Fact]
    public void Funded_orders_of_active_parties_post_the_buyer_paying_from_its_reservation()
    {
        Assert.Null(SettlementDecision.Refusal(Trade, Funded(), TradingDay));
        Assert.Equal((9_754.88m, 0m), SettlementDecision.Payment(Trade, Funded().BuyOrder));
    }

    [Fact]
    public void A_reservation_short_of_the_payment_takes_the_rest_from_available_cash()
    {
        var given = Funded() with { BuyOrder = Reservation(BuyOrderId, "buyer", Side.Buy, 9_750m), BuyerAvailableCash = 10m };

        Assert.Null(SettlementDecision.Refusal(Trade, given, TradingDay));
        Assert.Equal((9_750m, 4.88m), SettlementDecision.Payment(Trade, given.BuyOrder));
    }

    [Fact]
    public void Insufficient_cash_when_neither_the_reservation_nor_available_cash_covers_the_payment()
    {
        var given = Funded() with { BuyOrder = Reservation(BuyOrderId, "buyer", Side.Buy, 9_750m), BuyerAvailableCash = 4.87m };

        Assert.Equal(ReasonCodes.InsufficientCash, SettlementDecision.Refusal(Trade, given, TradingDay)?.Code);
    }

    [Fact]
    public void Reservation_missing_when_an_order_was_never_funded_or_is_on_the_wrong_side()
    {
        Assert.Equal(
            ReasonCodes.ReservationMissing,
            SettlementDecision.Refusal(Trade, Funded() with { BuyOrder = null }, TradingDay)?.Code
        );
        var wrongSide = Funded() with { SellOrder = Reservation(SellOrderId, "seller", Side.Buy, 100m) };
        Assert.Equal(ReasonCodes.ReservationMissing, SettlementDecision.Refusal(Trade, wrongSide, TradingDay)?.Code);
    }

    [Fact]
    public void Insufficient_reserved_units_when_the_sell_order_holds_back_less_than_the_trade()
    {
        var given = Funded() with { SellOrder = Reservation(SellOrderId, "seller", Side.Sell, 99m) };

        Assert.Equal(ReasonCodes.InsufficientReservedUnits, SettlementDecision.Refusal(Trade, given, TradingDay)?.Code);
    }

    [Fact]
    public void A_party_frozen_or_suspended_after_its_order_was_accepted_refuses_the_settlement()
    {
        var frozen = Funded() with { Seller = Party("seller") with { FrozenReason = "court order" } };
        var suspended = Funded() with { Buyer = Party("buyer") with { Status = ParticipantStatus.Suspended } };

        Assert.Equal(ReasonCodes.AccountFrozen, SettlementDecision.Refusal(Trade, frozen, TradingDay)?.Code);
        Assert.Equal(ReasonCodes.ParticipantNotActive, SettlementDecision.Refusal(Trade, suspended, TradingDay)?.Code);
    }

    [Fact]
    public void A_right_past_its_validity_or_outside_the_buyers_region_does_not_settle()
    {
        var expired = Funded() with { Instrument = Cea(validTo: TradingDay.PlusDays(-1)) };
        var lastDay = Funded() with { Instrument = Cea(validTo: TradingDay) };
        var outside = Funded() with { RegionalBreach = "CN-HB only" };

        Assert.Equal(ReasonCodes.RightExpired, SettlementDecision.Refusal(Trade, expired, TradingDay)?.Code);
        Assert.Null(SettlementDecision.Refusal(Trade, lastDay, TradingDay));
        Assert.Equal(ReasonCodes.RegionNotAllowed, SettlementDecision.Refusal(Trade, outside, TradingDay)?.Code);
    }
}
