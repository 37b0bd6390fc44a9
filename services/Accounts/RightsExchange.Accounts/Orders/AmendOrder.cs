using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Orders;

/// <summary>
/// Funds an amendment before matching sees it: if the amended order (its new quantity less what has settled or closed,
/// at its new price for a buy) needs more than is left of its reservation, the difference is reserved, or the
/// amendment is refused (INSUFFICIENT_CASH, INSUFFICIENT_UNITS) and nothing changes. A reservation is never reduced
/// here: what an amendment frees is released when matching confirms it, or with the rest when the order ends.
/// </summary>
public sealed class AmendOrderConsumer(LedgerWriter writer) : IConsumer<MessageBatch<AmendOrder>>
{
    public Task Consume(ConsumeContext<MessageBatch<AmendOrder>> context) =>
        writer.Apply(context, Fund, (ledger, c) => ledger.Streams.Want<OrderReservation>(StreamKeys.Order(c.OrderId)));

    public static async Task Fund(LedgerCommit ledger, AmendOrder c)
    {
        var order = await ledger.Order(c.OrderId);
        AmendRejected Refuse(string reason, string detail) => new(c.AmendId, c.OrderId, c.ParticipantId, reason, detail, ledger.Now);
        if (order.State is not { Funded: true } state)
        {
            ledger.Streams.Session.Events.Append($"amend:{c.AmendId}", Refuse(ReasonCodes.OrderNotFound, $"Order {c.OrderId} is unknown."));
            return;
        }
        if (state.ParticipantId != c.ParticipantId)
        {
            order.Append(Refuse(ReasonCodes.NotOrderOwner, "Only the participant that placed an order may amend it."));
            return;
        }
        var open = c.Quantity - state.SettledQuantity - state.ClosedQuantity;
        if (state.OpenQuantity <= 0 || open <= 0)
        {
            order.Append(
                Refuse(
                    state.OpenQuantity <= 0 ? ReasonCodes.OrderNotFound : ReasonCodes.AmendBelowFilled,
                    "The order has nothing left to amend at that quantity."
                )
            );
            return;
        }
        var needed = state.Side == Side.Sell ? open : PlaceOrderConsumer.BuyReservation(open, c.LimitPrice, ledger.FeeSchedule);
        var added = Math.Max(0m, needed - state.Remaining);
        if (added > 0 && state.Side == Side.Sell)
        {
            var holding = await ledger.Holding(state.ParticipantId, state.InstrumentId);
            var instrument = (await ledger.Instrument(state.InstrumentId)).State!;
            var sellable = holding.State?.SellableAt(ledger.Now, instrument.Definition.SellableSameDay) ?? 0m;
            if (sellable < added)
            {
                order.Append(
                    Refuse(
                        ReasonCodes.InsufficientUnits,
                        $"The amended order needs {added} {instrument.Unit} more; {sellable} are sellable."
                    )
                );
                return;
            }
            holding.Append(new UnitsReserved(c.OrderId, added, ledger.Now));
        }
        else if (added > 0)
        {
            var cash = await ledger.Cash(state.ParticipantId);
            var available = cash.State?.Available ?? 0m;
            if (available < added)
            {
                order.Append(
                    Refuse(
                        ReasonCodes.InsufficientCash,
                        $"The amended order needs {added:0.00} CNY more (consideration plus fee); {available:0.00} CNY is available."
                    )
                );
                return;
            }
            cash.Append(new CashReserved(c.OrderId, added, ledger.Now));
        }
        order.Append(
            new OrderAmendFunded(
                c.AmendId,
                c.OrderId,
                c.InstrumentId,
                c.ParticipantId,
                state.Side,
                c.Quantity,
                c.LimitPrice,
                added,
                ledger.Now
            )
        );
    }

    /// <summary>
    /// Matching amended the order: a smaller quantity closes the difference (and may release the reservation), a larger
    /// one opens it. If the order was already closed and released (its cancel overtook the amendment on the way here),
    /// the increase is closed at once, since matching has cancelled it too.
    /// </summary>
    public static async Task Confirm(LedgerCommit ledger, OrderAmended e)
    {
        var order = await ledger.Order(e.OrderId);
        if (order.State is not { Funded: true } state)
            return;
        var change = e.Quantity - state.Quantity;
        if (change > 0)
        {
            var released = state.OpenQuantity <= 0 && state.Remaining <= 0;
            order.Append(new OrderQuantityIncreased(change, ledger.Now));
            if (released)
                order.Append(new OrderQuantityClosed(change, ReasonCodes.Cancelled, ledger.Now));
        }
        else if (change < 0)
            await OrderClosedConsumer.Close(ledger, e.OrderId, -change, ReasonCodes.Amended);
    }
}
