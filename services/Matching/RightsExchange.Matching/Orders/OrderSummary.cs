using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

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
    Instant AcceptedAt)
{
    public decimal OpenQuantity => RejectReason is null ? Quantity - FilledQuantity - CancelledQuantity : 0m;

    public string Status => RejectReason is not null ? "Rejected"
        : FilledQuantity == Quantity ? "Filled"
        : CancelledQuantity > 0 ? "Cancelled"
        : FilledQuantity > 0 ? "PartiallyFilled"
        : "Open";

    public OrderView ToView() => new(Id, ClientOrderId, ParticipantId, InstrumentId, Side, Quantity, LimitPrice, FilledQuantity, OpenQuantity, Status, RejectReason, Fills, AcceptedAt);
}

/// <summary>Folds OrderAccepted, OrderRejected, TradeExecuted (both sides) and OrderCancelled into <see cref="OrderSummary"/> per order.</summary>
public sealed class OrderSummaryProjection : MultiStreamProjection<OrderSummary, Guid>
{
    public OrderSummaryProjection()
    {
        Identity<OrderAccepted>(e => e.OrderId);
        Identity<OrderRejected>(e => e.OrderId);
        Identity<OrderCancelled>(e => e.OrderId);
        Identities<TradeExecuted>(e => [e.BuyOrderId, e.SellOrderId]);
    }

    public override OrderSummary? Evolve(OrderSummary? snapshot, Guid id, IEvent e) => e.Data switch
    {
        OrderAccepted a => new OrderSummary(a.OrderId, a.ClientOrderId, a.ParticipantId, a.InstrumentId, a.Side, a.Quantity, a.LimitPrice, 0m, 0m, null, [], a.AcceptedAt),
        OrderRejected r => new OrderSummary(r.OrderId, r.ClientOrderId, r.ParticipantId, r.InstrumentId, r.Side, r.Quantity, 0m, 0m, 0m, r.Reason, [], r.RejectedAt),
        TradeExecuted t when snapshot is not null => snapshot with
        {
            FilledQuantity = snapshot.FilledQuantity + t.Quantity,
            Fills = [.. snapshot.Fills, new OrderFill(t.TradeId, t.Quantity, t.Price, t.ExecutedAt)],
        },
        OrderCancelled c when snapshot is not null => snapshot with { CancelledQuantity = snapshot.CancelledQuantity + c.CancelledQuantity },
        _ => snapshot,
    };
}

/// <summary>Answers <see cref="GetOrder"/> with <see cref="OrderView"/>, or <see cref="OrderNotFound"/>.</summary>
public sealed class GetOrderConsumer(IQuerySession session) : IConsumer<GetOrder>
{
    public async Task Consume(ConsumeContext<GetOrder> context)
    {
        var summary = await session.LoadAsync<OrderSummary>(context.Message.OrderId, context.CancellationToken);
        if (summary is null) await context.RespondAsync(new OrderNotFound(context.Message.OrderId));
        else await context.RespondAsync(summary.ToView());
    }
}
