using MassTransit;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Orders;

/// <summary>
/// Feeds funded orders and cancels to their instrument's book. The registry funds an order only for a listed
/// instrument, but the listing reaches matching on another queue and may come second: an order for an instrument
/// with no book yet is retried (with the bus's backoff) and rejected INSTRUMENT_UNKNOWN, so that accounts releases its
/// reservation, only after <see cref="AttemptsBeforeReject"/> retries. A cancel for an instrument with no book is refused (ORDER_NOT_FOUND).
/// </summary>
public sealed class OrderInputConsumer(MatchingWriter writer) : IConsumer<OrderFunded>, IConsumer<CancelOrder>, IConsumer<OrderAmendFunded>, IConsumer<DeclineBlockTrade>
{
    public const int AttemptsBeforeReject = 4;

    public async Task Consume(ConsumeContext<OrderFunded> context)
    {
        var waitForBook = false;
        await writer.Execute(context.MessageId!.Value, nameof(OrderFunded), async unit =>
        {
            var order = context.Message;
            var book = await unit.Books.Get(unit.Session, order.InstrumentId);
            if (book is null && context.GetRetryAttempt() < AttemptsBeforeReject)
            {
                waitForBook = true;
                return false;
            }
            if (book is null)
            {
                unit.Session.Events.Append($"unbooked:{order.InstrumentId}", new OrderRejected(order.OrderId, order.ClientOrderId, order.ParticipantId, order.InstrumentId,
                    order.Side, order.Quantity, "INSTRUMENT_UNKNOWN", $"No book is open for '{order.InstrumentId}'.", unit.Now));
                return true;
            }
            unit.Run(book, new OrderReceived(order, unit.Now));
            return true;
        }, context.CancellationToken);
        if (waitForBook) throw new BookNotOpenException(context.Message.InstrumentId);
    }

    public Task Consume(ConsumeContext<CancelOrder> context) =>
        writer.Execute(context.MessageId!.Value, nameof(CancelOrder), async unit =>
        {
            var cancel = context.Message;
            var book = await unit.Books.Get(unit.Session, cancel.InstrumentId);
            if (book is null)
            {
                unit.Session.Events.Append($"unbooked:{cancel.InstrumentId}", new CancelRejected(cancel.OrderId, cancel.ParticipantId, "ORDER_NOT_FOUND",
                    $"No book is open for '{cancel.InstrumentId}'.", unit.Now));
                return true;
            }
            unit.Run(book, new CancelReceived(cancel, unit.Now));
            return true;
        }, context.CancellationToken);

    public Task Consume(ConsumeContext<OrderAmendFunded> context) =>
        writer.Execute(context.MessageId!.Value, nameof(OrderAmendFunded), async unit =>
        {
            var amend = context.Message;
            var book = await unit.Books.Get(unit.Session, amend.InstrumentId);
            if (book is null)
                unit.Session.Events.Append($"unbooked:{amend.InstrumentId}", new AmendRejected(amend.AmendId, amend.OrderId, amend.ParticipantId, "ORDER_NOT_FOUND",
                    $"No book is open for '{amend.InstrumentId}'.", unit.Now));
            else
                unit.Run(book, new AmendReceived(amend, unit.Now));
            return true;
        }, context.CancellationToken);

    public Task Consume(ConsumeContext<DeclineBlockTrade> context) =>
        writer.Execute(context.MessageId!.Value, nameof(DeclineBlockTrade), async unit =>
        {
            var decline = context.Message;
            var book = await unit.Books.Get(unit.Session, decline.InstrumentId);
            if (book is null)
                unit.Session.Events.Append($"unbooked:{decline.InstrumentId}", new CancelRejected(decline.ProposalId, decline.ParticipantId, "ORDER_NOT_FOUND",
                    $"No book is open for '{decline.InstrumentId}'.", unit.Now));
            else
                unit.Run(book, new BlockDeclineReceived(decline, unit.Now));
            return true;
        }, context.CancellationToken);
}

/// <summary>An order arrived before its instrument's listing; the bus retries it.</summary>
public sealed class BookNotOpenException(string instrumentId) : Exception($"No book is open for '{instrumentId}' yet.");
