using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Orders;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts.Orders;

/// <summary>
/// Pre-trade funding's decision, Given the states of an order's streams, When the order arrives, Then it is funded or
/// refused with its reason: without a store or a broker.
/// </summary>
public sealed class FundingDecisionTests
{
    // 10:00 on 30 June 2026, Asia/Shanghai.
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 30, 2, 0);
    private static readonly LocalDate Today = new(2026, 6, 30);
    private static readonly FeeSchedule Fees = new("Trading", 5m, 5m, 1m);

    private static PlaceOrder Order(Side side, decimal quantity = 100m, decimal price = 97.50m, OrderType type = OrderType.Limit) =>
        new(Guid.NewGuid(), "c-1", "wuhu", "CEA-2025", side, quantity, price, Now, type);

    private static Participant Wuhu(ParticipantKind kind = ParticipantKind.Enterprise) =>
        new("participant:wuhu", "wuhu", "Wuhu Conch Cement", kind, "CN-AH");

    private static Instrument Cea(bool sellableSameDay = true, LocalDate? validTo = null) =>
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
                Now,
                SellableSameDay: sellableSameDay
            )
        );

    private static FundingState Seller(decimal available, decimal boughtToday = 0m, bool sellableSameDay = true) =>
        new(
            Wuhu(),
            Cea(sellableSameDay),
            null,
            true,
            new Holding("holding:wuhu:CEA-2025", "wuhu", "CEA-2025", available, 0m, Today, boughtToday),
            0m
        );

    private static FundingState Buyer(decimal cash) => new(Wuhu(), Cea(), null, true, null, cash);

    [Fact]
    public void A_buy_is_funded_when_available_cash_covers_the_consideration_at_its_limit_and_the_fee()
    {
        // 100 t at 97.50 = 9,750.00 CNY, and a fee of 5 bp = 4.875, half up 4.88.
        Assert.Equal(9_754.88m, PlaceOrderConsumer.BuyReservation(100m, 97.50m, Fees));
        Assert.Null(FundingDecision.Refusal(Order(Side.Buy), Buyer(9_754.88m), Now, Fees));
        Assert.Equal(ReasonCodes.InsufficientCash, FundingDecision.Refusal(Order(Side.Buy), Buyer(9_754.87m), Now, Fees)?.Code);
    }

    [Fact]
    public void A_sell_is_funded_from_units_available_and_units_bought_today_wait_where_the_rule_says_so()
    {
        Assert.Null(FundingDecision.Refusal(Order(Side.Sell), Seller(100m), Now, Fees));
        Assert.Equal(ReasonCodes.InsufficientUnits, FundingDecision.Refusal(Order(Side.Sell), Seller(99m), Now, Fees)?.Code);
        var boughtToday = Seller(150m, boughtToday: 60m, sellableSameDay: false);
        Assert.Equal(ReasonCodes.InsufficientUnits, FundingDecision.Refusal(Order(Side.Sell), boughtToday, Now, Fees)?.Code);
        Assert.Null(FundingDecision.Refusal(Order(Side.Sell, quantity: 90m), boughtToday, Now, Fees));
    }

    [Fact]
    public void An_individual_an_unknown_right_or_one_past_its_validity_is_refused_before_the_balances()
    {
        var individual = Buyer(1_000_000m) with { Participant = Wuhu(ParticipantKind.Individual) };
        var unknown = Buyer(1_000_000m) with { Instrument = null };
        var expired = Buyer(1_000_000m) with { Instrument = Cea(validTo: Today.PlusDays(-1)) };

        Assert.Equal(ReasonCodes.RetailOnly, FundingDecision.Refusal(Order(Side.Buy), individual, Now, Fees)?.Code);
        Assert.Equal(ReasonCodes.InstrumentUnknown, FundingDecision.Refusal(Order(Side.Buy), unknown, Now, Fees)?.Code);
        Assert.Equal(ReasonCodes.RightExpired, FundingDecision.Refusal(Order(Side.Buy), expired, Now, Fees)?.Code);
    }

    [Fact]
    public void A_frozen_or_unknown_participant_places_nothing()
    {
        var frozen = Buyer(1_000_000m) with { Participant = Wuhu() with { FrozenReason = "court order" } };

        Assert.Equal(ReasonCodes.AccountFrozen, FundingDecision.Refusal(Order(Side.Buy), frozen, Now, Fees)?.Code);
        Assert.Equal(
            ReasonCodes.ParticipantUnknown,
            FundingDecision.Refusal(Order(Side.Buy), Buyer(0m) with { Participant = null }, Now, Fees)?.Code
        );
    }

    [Fact]
    public void Quantity_off_the_step_a_price_not_positive_a_regional_breach_or_an_unknown_counterparty_is_refused()
    {
        Assert.Equal(ReasonCodes.InvalidQuantity, FundingDecision.Refusal(Order(Side.Buy, quantity: 0.5m), Buyer(1e6m), Now, Fees)?.Code);
        Assert.Equal(ReasonCodes.InvalidPrice, FundingDecision.Refusal(Order(Side.Buy, price: 0m), Buyer(1e6m), Now, Fees)?.Code);
        var outside = Buyer(1e6m) with { RegionalBreach = "CN-HB only" };
        Assert.Equal(ReasonCodes.RegionNotAllowed, FundingDecision.Refusal(Order(Side.Buy), outside, Now, Fees)?.Code);
        var noCounterparty = Buyer(1e6m) with { CounterpartyKnown = false };
        Assert.Equal(
            ReasonCodes.CounterpartyUnknown,
            FundingDecision.Refusal(Order(Side.Buy, type: OrderType.Block), noCounterparty, Now, Fees)?.Code
        );
    }
}
