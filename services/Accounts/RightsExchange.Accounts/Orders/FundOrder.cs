using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Orders;

/// <summary>
/// Pre-trade funding: reserves units for a sell, or CNY for a buy (quantity × limit price, rounded half up to 0.01,
/// plus the buyer's fee on it from the fee schedule), then announces <see cref="OrderFunded"/> for matching.
/// Anything short is an <see cref="OrderFundingRejected"/> with its reason, never an overdraft. Every order type is funded
/// the same way: a market order at its protection price, a block acceptance or auction bid at its price, an auction
/// offer with its units. Units bought today are not sellable today where the instrument says so (national market rule).
/// </summary>
public sealed class PlaceOrderConsumer(LedgerWriter writer) : IConsumer<MessageBatch<PlaceOrder>>
{
    public Task Consume(ConsumeContext<MessageBatch<PlaceOrder>> context) =>
        writer.Apply(context, Handle, (ledger, c) => ledger.WantOrderStreams(c.ParticipantId, c.InstrumentId, c.Side, c.OrderId));

    public static async Task Handle(LedgerUnit ledger, PlaceOrder c)
    {
        var order = await ledger.Order(c.OrderId);
        if (order.State is not null)
            return;

        var (reason, detail) = await Check(ledger, c);
        if (reason is not null)
        {
            order.Append(
                new OrderFundingRejected(c.OrderId, c.ClientOrderId, c.ParticipantId, c.InstrumentId, reason, detail!, ledger.Now)
            );
            return;
        }

        decimal reserved;
        if (c.Side == Side.Sell)
        {
            reserved = c.Quantity;
            (await ledger.Holding(c.ParticipantId, c.InstrumentId)).Append(new UnitsReserved(c.OrderId, reserved, ledger.Now));
        }
        else
        {
            reserved = BuyReservation(c.Quantity, c.LimitPrice, ledger.FeeSchedule);
            (await ledger.Cash(c.ParticipantId)).Append(new CashReserved(c.OrderId, reserved, ledger.Now));
        }
        order.Append(
            new OrderFunded(
                c.OrderId,
                c.ClientOrderId,
                c.ParticipantId,
                c.InstrumentId,
                c.Side,
                c.Quantity,
                c.LimitPrice,
                reserved,
                c.PlacedAt,
                ledger.Now,
                c.Type,
                c.TimeInForce,
                c.Counterparty,
                c.ReferenceOrderId,
                c.Auction
            )
        );
    }

    /// <summary>
    /// CNY held back for a buy order: consideration at the limit price plus the buyer's fee on it as one trade (so at
    /// least one minimum fee). An order filled in several trades may owe more than one minimum; settlement takes the
    /// excess from the buyer's available cash and fails the trade with INSUFFICIENT_CASH if that does not cover it.
    /// </summary>
    public static decimal BuyReservation(decimal quantity, decimal limitPrice, FeeSchedule fees)
    {
        var consideration = Money.RoundCny(quantity * limitPrice);
        return consideration + fees.BuyerFee(consideration);
    }

    private static async Task<(string? Reason, string? Detail)> Check(LedgerUnit ledger, PlaceOrder c)
    {
        var participant = (await ledger.Participant(c.ParticipantId)).State;
        if (RegistryChecks.NotActive(participant, c.ParticipantId) is (string reason, string detail))
            return (reason, detail);
        if (participant!.Kind == ParticipantKind.Individual)
            return (
                ReasonCodes.RetailOnly,
                $"{c.ParticipantId} is an individual's account: it buys from retail offers and places no orders."
            );
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return (ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (instrument.ExpiredOn(MarketTime.TradingDateOf(ledger.Now)))
            return (ReasonCodes.RightExpired, $"{c.InstrumentId} was valid until {instrument.Definition.ValidTo}.");
        if (c.Side == Side.Buy && await ledger.RegionalBreach(participant!, instrument.Definition) is { } breach)
            return (ReasonCodes.RegionNotAllowed, breach);
        if (!Quantities.IsValid(c.Quantity, instrument.Definition.QuantityStep))
            return (
                ReasonCodes.InvalidQuantity,
                $"Quantity must be positive and a multiple of {instrument.Definition.QuantityStep} {instrument.Unit}."
            );
        if (c.LimitPrice <= 0)
            return (ReasonCodes.InvalidPrice, "The limit price must be positive.");
        if (
            c.Type == OrderType.Block
            && c.ReferenceOrderId is null
            && (c.Counterparty is null || (await ledger.Participant(c.Counterparty)).State is null)
        )
            return (ReasonCodes.CounterpartyUnknown, $"A block proposal names a registered counterparty; '{c.Counterparty}' is not one.");
        if (c.Side == Side.Sell)
        {
            var holding = (await ledger.Holding(c.ParticipantId, c.InstrumentId)).State;
            var sellable = holding?.SellableAt(ledger.Now, instrument.Definition.SellableSameDay) ?? 0m;
            if (sellable < c.Quantity)
                return (
                    ReasonCodes.InsufficientUnits,
                    holding is not null && sellable < holding.Available
                        ? $"Selling {c.Quantity} {instrument.Unit} needs that many sellable; {sellable} {instrument.Unit} are "
                            + $"({holding.Available - sellable} bought today may be sold from the next trading day)."
                        : $"Selling {c.Quantity} {instrument.Unit} needs that many available; {sellable} {instrument.Unit} are."
                );
        }
        else
        {
            var needed = BuyReservation(c.Quantity, c.LimitPrice, ledger.FeeSchedule);
            var available = (await ledger.Cash(c.ParticipantId)).State?.Available ?? 0m;
            if (available < needed)
                return (
                    ReasonCodes.InsufficientCash,
                    $"Buying needs {needed:0.00} CNY available (consideration plus fee); {available:0.00} CNY is."
                );
        }
        return (null, null);
    }
}
