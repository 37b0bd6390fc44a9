using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.DeliveryVersusPayment;

/// <summary>
/// What delivery versus payment decides on: the states of a settlement's streams before it posts.
/// </summary>
/// <param name="Buyer">The buyer's participant record; null when unknown.</param>
/// <param name="Seller">The seller's participant record; null when unknown.</param>
/// <param name="Instrument">The right traded; null when unknown.</param>
/// <param name="RegionalBreach">Why the buyer may not hold this region-bound right, or null when it may.</param>
/// <param name="BuyOrder">The buy order's reservation (CNY); null when the order was never funded here.</param>
/// <param name="SellOrder">The sell order's reservation (units); null when the order was never funded here.</param>
/// <param name="BuyerAvailableCash">The buyer's available cash, CNY, beside what its order reserved.</param>
public sealed record SettlementState(
    Participant? Buyer,
    Participant? Seller,
    Instrument? Instrument,
    string? RegionalBreach,
    OrderReservation? BuyOrder,
    OrderReservation? SellOrder,
    decimal BuyerAvailableCash
);

/// <summary>
/// The pure decisions of delivery versus payment, tested without a store: how the buyer pays, and whether the
/// settlement may post at all.
/// </summary>
public static class SettlementDecision
{
    /// <summary>
    /// What the buyer pays (consideration plus its fee, CNY): from its order's reservation first, the rest from its
    /// available cash (a buy reserved at its limit price pays less when it trades lower, more only through the fee's
    /// minimum).
    /// </summary>
    public static (decimal FromReserved, decimal FromAvailable) Payment(SettlementInstructed s, OrderReservation? buyOrder)
    {
        var payable = s.Consideration.Amount + s.BuyerFee.Amount;
        var fromReserved = Math.Min(buyOrder?.Remaining ?? 0m, payable);
        return (fromReserved, payable - fromReserved);
    }

    /// <summary>
    /// Why <paramref name="s"/> may not post on <paramref name="tradingDate"/> (Asia/Shanghai), as a reason code and its
    /// detail, or null when every leg may: ACCOUNT_FROZEN, PARTICIPANT_NOT_ACTIVE or PARTICIPANT_UNKNOWN for a party
    /// that changed after its order was accepted; RIGHT_EXPIRED past the right's validity; REGION_NOT_ALLOWED;
    /// RESERVATION_MISSING for an order not funded on its side; INSUFFICIENT_RESERVED_UNITS; INSUFFICIENT_CASH when the
    /// buyer's reservation falls short and its available cash does not cover the rest.
    /// </summary>
    public static (string Code, string Detail)? Refusal(SettlementInstructed s, SettlementState state, LocalDate tradingDate)
    {
        var (_, fromAvailable) = Payment(s, state.BuyOrder);
        return (state.BuyOrder, state.SellOrder) switch
        {
            _ when RegistryChecks.NotActive(state.Buyer, s.BuyerId) is (string code, string why) => (
                code,
                $"The buyer, after its order was accepted: {why}"
            ),
            _ when RegistryChecks.NotActive(state.Seller, s.SellerId) is (string code, string why) => (
                code,
                $"The seller, after its order was accepted: {why}"
            ),
            _ when state.Instrument?.ExpiredOn(tradingDate) == true => (
                ReasonCodes.RightExpired,
                $"{s.InstrumentId} was valid until {state.Instrument.Definition.ValidTo}."
            ),
            _ when state.RegionalBreach is { } breach => (ReasonCodes.RegionNotAllowed, breach),
            (not { Funded: true, Side: Side.Buy }, _) => (ReasonCodes.ReservationMissing, $"No funded buy order {s.BuyOrderId}."),
            (_, not { Funded: true, Side: Side.Sell }) => (ReasonCodes.ReservationMissing, $"No funded sell order {s.SellOrderId}."),
            (_, { } sell) when sell.Remaining < s.Quantity => (
                ReasonCodes.InsufficientReservedUnits,
                $"Sell order {s.SellOrderId} has {sell.Remaining} {s.Unit} reserved; the trade needs {s.Quantity}."
            ),
            _ when state.BuyerAvailableCash < fromAvailable => (
                ReasonCodes.InsufficientCash,
                $"The buyer's reservation is {fromAvailable:0.00} CNY short and its available cash does not cover it."
            ),
            _ => null,
        };
    }
}
