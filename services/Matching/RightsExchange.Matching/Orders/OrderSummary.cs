using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Orders;

/// <summary>An order as the engine has treated it so far: a read model projected from the book journals.</summary>
public sealed record OrderSummary(
    Guid Id,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    decimal FilledQuantity,
    decimal CancelledQuantity,
    string? RejectReason,
    IReadOnlyList<OrderFill> Fills,
    Instant AcceptedAt,
    OrderType Type,
    TimeInForce TimeInForce,
    string? Counterparty,
    string? CloseReason
)
{
    public decimal OpenQuantity => RejectReason is null ? Quantity - FilledQuantity - CancelledQuantity : 0m;

    public string Status =>
        RejectReason is not null ? "Rejected"
        : FilledQuantity == Quantity ? "Filled"
        : CancelledQuantity > 0 && OpenQuantity == 0 ? "Cancelled"
        : FilledQuantity > 0 ? "PartiallyFilled"
        : "Open";

    public OrderView ToView() =>
        new(
            Id,
            ClientOrderId,
            ParticipantId,
            InstrumentId,
            Side,
            Quantity,
            LimitPrice,
            FilledQuantity,
            OpenQuantity,
            Status,
            RejectReason,
            Fills,
            AcceptedAt,
            Type,
            TimeInForce,
            Counterparty,
            CloseReason
        );
}

/// <summary>
/// Folds the journal's OrderReceived, then OrderAccepted or OrderRejected, TradeExecuted (both sides), OrderAmended and
/// OrderCancelled into <see cref="OrderSummary"/> per order.
/// </summary>
public sealed class OrderSummaryProjection : MultiStreamProjection<OrderSummary, Guid>
{
    public OrderSummaryProjection()
    {
        Identity<OrderReceived>(e => e.Order.OrderId);
        Identity<OrderAccepted>(e => e.OrderId);
        Identity<OrderRejected>(e => e.OrderId);
        Identity<OrderAmended>(e => e.OrderId);
        Identity<OrderCancelled>(e => e.OrderId);
        Identities<TradeExecuted>(e => [e.BuyOrderId, e.SellOrderId]);
    }

    public override OrderSummary? Evolve(OrderSummary? snapshot, Guid id, IEvent e) =>
        e.Data switch
        {
            OrderReceived { Order: var o } when snapshot is null => new OrderSummary(
                o.OrderId,
                o.ClientOrderId,
                o.ParticipantId,
                o.InstrumentId,
                o.Side,
                o.Quantity,
                o.LimitPrice,
                0m,
                0m,
                null,
                [],
                o.FundedAt,
                o.Type,
                o.TimeInForce,
                o.Counterparty,
                null
            ),
            OrderAccepted a when snapshot is not null => snapshot with { AcceptedAt = a.AcceptedAt },
            OrderAccepted a => new OrderSummary(
                a.OrderId,
                a.ClientOrderId,
                a.ParticipantId,
                a.InstrumentId,
                a.Side,
                a.Quantity,
                a.LimitPrice,
                0m,
                0m,
                null,
                [],
                a.AcceptedAt,
                OrderType.Limit,
                TimeInForce.Day,
                null,
                null
            ),
            OrderRejected r when snapshot is not null => snapshot with { RejectReason = r.Reason, AcceptedAt = r.RejectedAt },
            OrderRejected r => new OrderSummary(
                r.OrderId,
                r.ClientOrderId,
                r.ParticipantId,
                r.InstrumentId,
                r.Side,
                r.Quantity,
                0m,
                0m,
                0m,
                r.Reason,
                [],
                r.RejectedAt,
                OrderType.Limit,
                TimeInForce.Day,
                null,
                null
            ),
            TradeExecuted t when snapshot is not null => snapshot with
            {
                FilledQuantity = snapshot.FilledQuantity + t.Quantity,
                Fills = [.. snapshot.Fills, new OrderFill(t.TradeId, t.Quantity, t.Price, t.ExecutedAt)],
            },
            OrderAmended a when snapshot is not null => snapshot with { Quantity = a.Quantity, LimitPrice = a.LimitPrice },
            OrderCancelled c when snapshot is not null => snapshot with
            {
                CancelledQuantity = snapshot.CancelledQuantity + c.CancelledQuantity,
                CloseReason = c.Reason,
            },
            _ => snapshot,
        };
}

/// <summary>Answers <see cref="GetOrder"/> with <see cref="OrderView"/>, or <see cref="OrderNotFound"/>.</summary>
public sealed class GetOrderConsumer(IQuerySession session) : IConsumer<GetOrder>
{
    public async Task Consume(ConsumeContext<GetOrder> context)
    {
        var summary = await session.LoadAsync<OrderSummary>(context.Message.OrderId, context.CancellationToken);
        if (summary is null)
            await context.RespondAsync(new OrderNotFound(context.Message.OrderId));
        else
            await context.RespondAsync(summary.ToView());
    }
}
