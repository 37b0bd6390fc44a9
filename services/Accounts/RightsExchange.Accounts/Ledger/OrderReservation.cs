using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// What the registry holds back for one order (stream <c>order:{orderId}</c>): CNY for a buy, units for a sell.
/// The reservation is consumed fill by fill as settlements post; once every unit of the order has either settled
/// or been closed (cancelled, rejected, failed), what is left is released.
/// </summary>
public sealed record OrderReservation(
    string Id,
    Guid OrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    decimal Reserved,
    decimal Consumed,
    decimal Released,
    decimal SettledQuantity,
    decimal ClosedQuantity,
    string? RejectReason
) : IFold<OrderReservation>
{
    public static string StreamPrefix => "order:";

    /// <summary>Only the registry's writer reads a reservation, and an order's stream is a few events: no document.</summary>
    public static bool Documented => false;

    /// <summary>Reserved and not yet consumed or released: CNY for a buy, units for a sell.</summary>
    public decimal Remaining => Reserved - Consumed - Released;

    /// <summary>Quantity that may still settle.</summary>
    public decimal OpenQuantity => Quantity - SettledQuantity - ClosedQuantity;

    public bool Funded => RejectReason is null;

    /// <summary>Folds one event. Throws <see cref="InvalidOperationException"/> for an event that does not belong to an order
    /// reservation.</summary>
    public static OrderReservation? Fold(OrderReservation? state, string streamKey, object @event) =>
        @event switch
        {
            OrderFunded e => new OrderReservation(
                streamKey,
                e.OrderId,
                e.ParticipantId,
                e.InstrumentId,
                e.Side,
                e.Quantity,
                e.LimitPrice,
                e.Reserved,
                0m,
                0m,
                0m,
                0m,
                null
            ),
            OrderFundingRejected e => new OrderReservation(
                streamKey,
                e.OrderId,
                e.ParticipantId,
                e.InstrumentId,
                Side.Buy,
                0m,
                0m,
                0m,
                0m,
                0m,
                0m,
                0m,
                e.Reason
            ),
            FillSettled e => state! with { SettledQuantity = state.SettledQuantity + e.Quantity, Consumed = state.Consumed + e.Consumed },
            OrderQuantityClosed e => state! with { ClosedQuantity = state.ClosedQuantity + e.Quantity },
            OrderAmendFunded e => state! with { Reserved = state.Reserved + e.AddedReserve },
            AmendRejected => state,
            OrderQuantityIncreased e => state! with { Quantity = state.Quantity + e.Quantity },
            ReservationReleased e => state! with { Released = state.Released + e.Amount },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not an order reservation event"),
        };
}
