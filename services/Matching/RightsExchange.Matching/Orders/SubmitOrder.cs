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
        Feed(context, context.Message.InstrumentId, at => new CancelReceived(context.Message, at),
            at => new CancelRejected(context.Message.OrderId, context.Message.ParticipantId, "ORDER_NOT_FOUND", $"No book is open for '{context.Message.InstrumentId}'.", at));

    public Task Consume(ConsumeContext<OrderAmendFunded> context) =>
        Feed(context, context.Message.InstrumentId, at => new AmendReceived(context.Message, at),
            at => new AmendRejected(context.Message.AmendId, context.Message.OrderId, context.Message.ParticipantId, "ORDER_NOT_FOUND", $"No book is open for '{context.Message.InstrumentId}'.", at));

    public Task Consume(ConsumeContext<DeclineBlockTrade> context) =>
        Feed(context, context.Message.InstrumentId, at => new BlockDeclineReceived(context.Message, at),
            at => new CancelRejected(context.Message.ProposalId, context.Message.ParticipantId, "ORDER_NOT_FOUND", $"No book is open for '{context.Message.InstrumentId}'.", at));

    /// <summary>Journals <paramref name="input"/> in the instrument's book, or records <paramref name="refusal"/> when it has no book.</summary>
    private Task Feed<T>(ConsumeContext<T> context, string instrumentId, Func<NodaTime.Instant, object> input, Func<NodaTime.Instant, object> refusal) where T : class =>
        writer.Execute(context.MessageId!.Value, typeof(T).Name, async unit =>
        {
            if (await unit.Books.Get(unit.Session, instrumentId) is { } book) unit.Run(book, input(unit.Now));
            else unit.Session.Events.Append($"unbooked:{instrumentId}", refusal(unit.Now));
            return true;
        }, context.CancellationToken);
}

/// <summary>An order arrived before its instrument's listing; the bus retries it.</summary>
public sealed class BookNotOpenException(string instrumentId) : Exception($"No book is open for '{instrumentId}' yet.");
