using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;
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

    public static async Task Handle(LedgerCommit ledger, PlaceOrder c)
    {
        var order = await ledger.Order(c.OrderId);
        if (order.State is not null)
            return;

        if (FundingDecision.Refusal(c, await Read(ledger, c), ledger.Now, ledger.FeeSchedule) is { } refusal)
        {
            order.Append(
                new OrderFundingRejected(
                    c.OrderId,
                    c.ClientOrderId,
                    c.ParticipantId,
                    c.InstrumentId,
                    refusal.Code,
                    refusal.Detail,
                    ledger.Now
                )
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

    /// <summary>Reads what funding decides on: only the streams the order's side and type need.</summary>
    private static async Task<FundingState> Read(LedgerCommit ledger, PlaceOrder c)
    {
        var participant = (await ledger.Participant(c.ParticipantId)).State;
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        var breach =
            c.Side == Side.Buy && participant is not null && instrument is not null
                ? await ledger.RegionalBreach(participant, instrument.Definition)
                : null;
        var counterpartyKnown =
            c.Type != OrderType.Block
            || c.ReferenceOrderId is not null
            || (c.Counterparty is not null && (await ledger.Participant(c.Counterparty)).State is not null);
        return c.Side == Side.Sell
            ? new FundingState(
                participant,
                instrument,
                breach,
                counterpartyKnown,
                (await ledger.Holding(c.ParticipantId, c.InstrumentId)).State,
                0m
            )
            : new FundingState(
                participant,
                instrument,
                breach,
                counterpartyKnown,
                null,
                (await ledger.Cash(c.ParticipantId)).State?.Available ?? 0m
            );
    }
}
