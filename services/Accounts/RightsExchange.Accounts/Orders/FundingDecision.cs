using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Orders;

/// <summary>What pre-trade funding decides on: the states of the streams an order touches before it is funded.</summary>
/// <param name="Participant">The ordering participant's record; null when unknown.</param>
/// <param name="Instrument">The right ordered; null when unknown.</param>
/// <param name="RegionalBreach">For a buy: why the buyer may not hold this region-bound right, or null when it may.</param>
/// <param name="CounterpartyKnown">False for a block proposal naming no registered counterparty.</param>
/// <param name="Holding">For a sell: the seller's holding of the right; null when it holds none.</param>
/// <param name="AvailableCash">For a buy: the buyer's available cash, CNY.</param>
public sealed record FundingState(
    Participant? Participant,
    Instrument? Instrument,
    string? RegionalBreach,
    bool CounterpartyKnown,
    Holding? Holding,
    decimal AvailableCash
);

/// <summary>Pre-trade funding's decision, tested without a store: whether an order may be funded.</summary>
public static class FundingDecision
{
    /// <summary>
    /// Why <paramref name="c"/> may not be funded at <paramref name="now"/>, as a reason code and its detail, or null when
    /// it may: PARTICIPANT_UNKNOWN, PARTICIPANT_NOT_ACTIVE, ACCOUNT_FROZEN; RETAIL_ONLY for an individual;
    /// INSTRUMENT_UNKNOWN; RIGHT_EXPIRED past the right's validity (Asia/Shanghai); REGION_NOT_ALLOWED for a buy;
    /// INVALID_QUANTITY off the quantity step; INVALID_PRICE; COUNTERPARTY_UNKNOWN; INSUFFICIENT_UNITS when fewer are
    /// sellable (units bought today are not, where the instrument says so: national market rule); INSUFFICIENT_CASH
    /// when the available cash does not cover <see cref="PlaceOrderConsumer.BuyReservation"/>.
    /// </summary>
    public static (string Code, string Detail)? Refusal(PlaceOrder c, FundingState state, Instant now, FeeSchedule fees)
    {
        if (RegistryChecks.NotActive(state.Participant, c.ParticipantId) is (string reason, string detail))
            return (reason, detail);
        if (state.Participant!.Kind == ParticipantKind.Individual)
            return (
                ReasonCodes.RetailOnly,
                $"{c.ParticipantId} is an individual's account: it buys from retail offers and places no orders."
            );
        if (state.Instrument is not { } instrument)
            return (ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (instrument.ExpiredOn(MarketTime.TradingDateOf(now)))
            return (ReasonCodes.RightExpired, $"{c.InstrumentId} was valid until {instrument.Definition.ValidTo}.");
        if (c.Side == Side.Buy && state.RegionalBreach is { } breach)
            return (ReasonCodes.RegionNotAllowed, breach);
        if (!Quantities.IsValid(c.Quantity, instrument.Definition.QuantityStep))
            return (
                ReasonCodes.InvalidQuantity,
                $"Quantity must be positive and a multiple of {instrument.Definition.QuantityStep} {instrument.Unit}."
            );
        if (c.LimitPrice <= 0)
            return (ReasonCodes.InvalidPrice, "The limit price must be positive.");
        if (!state.CounterpartyKnown)
            return (ReasonCodes.CounterpartyUnknown, $"A block proposal names a registered counterparty; '{c.Counterparty}' is not one.");
        if (c.Side == Side.Sell)
        {
            var holding = state.Holding;
            var sellable = holding?.SellableAt(now, instrument.Definition.SellableSameDay) ?? 0m;
            if (sellable < c.Quantity)
                return (
                    ReasonCodes.InsufficientUnits,
                    holding is not null && sellable < holding.Available
                        ? $"Selling {c.Quantity} {instrument.Unit} needs that many sellable; {sellable} {instrument.Unit} are "
                            + $"({holding.Available - sellable} bought today may be sold from the next trading day)."
                        : $"Selling {c.Quantity} {instrument.Unit} needs that many available; {sellable} {instrument.Unit} are."
                );
            return null;
        }
        var needed = PlaceOrderConsumer.BuyReservation(c.Quantity, c.LimitPrice, fees);
        return state.AvailableCash < needed
            ? (
                ReasonCodes.InsufficientCash,
                $"Buying needs {needed:0.00} CNY available (consideration plus fee); {state.AvailableCash:0.00} CNY is."
            )
            : null;
    }
}
