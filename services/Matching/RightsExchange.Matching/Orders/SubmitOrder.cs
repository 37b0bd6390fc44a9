using MassTransit;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Orders;

/// <summary>
/// Feeds funded orders and cancels to their instrument's book. The registry funds an order only for a listed
/// instrument, but the listing reaches matching on another queue and may come second: an order for an instrument
/// with no book yet is retried (with the bus's backoff) and rejected INSTRUMENT_UNKNOWN, so that accounts releases its
/// reservation, only after <see cref="AttemptsBeforeReject"/> retries. A cancel for an instrument with no book is refused
/// (ORDER_NOT_FOUND).
/// </summary>
public sealed class OrderInputConsumer(MatchingWriter writer)
    : IConsumer<MessageBatch<OrderFunded>>,
        IConsumer<MessageBatch<CancelOrder>>,
        IConsumer<MessageBatch<OrderAmendFunded>>,
        IConsumer<MessageBatch<DeclineBlockTrade>>
{
    public const int AttemptsBeforeReject = 4;

    public async Task Consume(ConsumeContext<MessageBatch<OrderFunded>> context)
    {
        string? waitingFor = null;
        await writer.ExecuteBatch(context, async (commit, entry) =>
        {
            var order = entry.Message;
            var book = await commit.Books.Get(commit.Session, order.InstrumentId);
            if (book is null && context.GetRetryAttempt() < AttemptsBeforeReject)
            {
                waitingFor = order.InstrumentId;
                return false;
            }
            if (book is null)
            {
                commit.Session.Events.Append(
                    $"unbooked:{order.InstrumentId}",
                    new OrderRejected(
                        order.OrderId,
                        order.ClientOrderId,
                        order.ParticipantId,
                        order.InstrumentId,
                        order.Side,
                        order.Quantity,
                        ReasonCodes.InstrumentUnknown,
                        $"No book is open for '{order.InstrumentId}'.",
                        commit.Now
                    )
                );
                return true;
            }
            commit.Run(book, new OrderReceived(order, commit.Now));
            return true;
        });
        if (waitingFor is not null)
            throw new BookNotOpenException(waitingFor);
    }

    public Task Consume(ConsumeContext<MessageBatch<CancelOrder>> context) =>
        Feed(
            context,
            c => c.InstrumentId,
            (c, at) => new CancelReceived(c, at),
            (c, at) =>
                new CancelRejected(c.OrderId, c.ParticipantId, ReasonCodes.OrderNotFound, $"No book is open for '{c.InstrumentId}'.", at)
        );

    public Task Consume(ConsumeContext<MessageBatch<OrderAmendFunded>> context) =>
        Feed(
            context,
            a => a.InstrumentId,
            (a, at) => new AmendReceived(a, at),
            (a, at) =>
                new AmendRejected(
                    a.AmendId,
                    a.OrderId,
                    a.ParticipantId,
                    ReasonCodes.OrderNotFound,
                    $"No book is open for '{a.InstrumentId}'.",
                    at
                )
        );

    public Task Consume(ConsumeContext<MessageBatch<DeclineBlockTrade>> context) =>
        Feed(
            context,
            d => d.InstrumentId,
            (d, at) => new BlockDeclineReceived(d, at),
            (d, at) =>
                new CancelRejected(d.ProposalId, d.ParticipantId, ReasonCodes.OrderNotFound, $"No book is open for '{d.InstrumentId}'.", at)
        );

    /// <summary>Journals each message as an input of its instrument's book, or records its refusal when the instrument has no
    /// book.</summary>
    private Task Feed<T>(
        ConsumeContext<MessageBatch<T>> context,
        Func<T, string> instrumentOf,
        Func<T, NodaTime.Instant, object> input,
        Func<T, NodaTime.Instant, object> refusal
    )
        where T : class => writer.ExecuteBatch(context, async (commit, entry) =>
        {
            var instrumentId = instrumentOf(entry.Message);
            if (await commit.Books.Get(commit.Session, instrumentId) is { } book)
                commit.Run(book, input(entry.Message, commit.Now));
            else
                commit.Session.Events.Append($"unbooked:{instrumentId}", refusal(entry.Message, commit.Now));
            return true;
        });
}

/// <summary>An order arrived before its instrument's listing; the bus retries it.</summary>
public sealed class BookNotOpenException(string instrumentId) : Exception($"No book is open for '{instrumentId}' yet.");
