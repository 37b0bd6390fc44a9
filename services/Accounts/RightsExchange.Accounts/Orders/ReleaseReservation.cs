using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Orders;

/// <summary>
/// Closes the part of an order that will never trade (matching rejected or cancelled it) and, once nothing of the
/// order can still settle, releases what is left of its reservation. Amendments are confirmed here too, on the same
/// queue as cancels, so that the two usually arrive in the order matching published them.
/// </summary>
public sealed class OrderClosedConsumer(LedgerWriter writer)
    : IConsumer<MessageBatch<OrderRejected>>,
        IConsumer<MessageBatch<OrderCancelled>>,
        IConsumer<MessageBatch<OrderAmended>>
{
    public Task Consume(ConsumeContext<MessageBatch<OrderAmended>> context) =>
        writer.Apply(context, AmendOrderConsumer.Confirm, (ledger, e) =>
            ledger.WantOrderStreams(e.ParticipantId, e.InstrumentId, e.Side, e.OrderId)
        );

    public Task Consume(ConsumeContext<MessageBatch<OrderRejected>> context) =>
        writer.Apply(
            context,
            (ledger, e) => Close(ledger, e.OrderId, e.Quantity, ReasonCodes.Rejected),
            (ledger, e) => ledger.WantOrderStreams(e.ParticipantId, e.InstrumentId, e.Side, e.OrderId)
        );

    public Task Consume(ConsumeContext<MessageBatch<OrderCancelled>> context) =>
        writer.Apply(
            context,
            (ledger, e) => Close(ledger, e.OrderId, e.CancelledQuantity, e.Reason),
            (ledger, e) => ledger.WantOrderStreams(e.ParticipantId, e.InstrumentId, e.Side, e.OrderId)
        );

    /// <summary>Closes up to <paramref name="quantity"/> of the order's open quantity; a no-op for an unknown or unfunded order.</summary>
    public static async Task Close(LedgerCommit ledger, Guid orderId, decimal quantity, string reason)
    {
        var order = await ledger.Order(orderId);
        if (order.State is not { Funded: true } state)
            return;
        var closing = Math.Min(quantity, state.OpenQuantity);
        if (closing <= 0)
            return;
        order.Append(new OrderQuantityClosed(closing, reason, ledger.Now));
        await ReleaseIfDone(ledger, order);
    }

    /// <summary>When no quantity of the order is open any more, returns its unused reservation to available.</summary>
    public static async Task ReleaseIfDone(LedgerCommit ledger, Hosting.TrackedStream<OrderReservation> order)
    {
        var state = order.State!;
        if (state.OpenQuantity > 0 || state.Remaining <= 0)
            return;
        if (state.Side == Side.Sell)
            (await ledger.Holding(state.ParticipantId, state.InstrumentId)).Append(
                new UnitsReleased(state.OrderId, state.Remaining, ledger.Now)
            );
        else
            (await ledger.Cash(state.ParticipantId)).Append(new CashReleased(state.OrderId, state.Remaining, ledger.Now));
        order.Append(new ReservationReleased(state.Remaining, ledger.Now));
    }
}
