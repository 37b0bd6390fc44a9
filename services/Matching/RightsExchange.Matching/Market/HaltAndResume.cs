using MassTransit;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Market;

/// <summary>
/// Halts and resumes an instrument (regulator, through the gateway). Answers <see cref="MarketCommandAccepted"/> once
/// the halt or resume is journaled, or <see cref="MarketCommandRejected"/> (INSTRUMENT_UNKNOWN, ALREADY_HALTED,
/// NOT_HALTED) having changed nothing. While halted, new orders, amendments and block trades are refused; cancels are not.
/// </summary>
public sealed class MarketControlConsumer(MatchingWriter writer) : IConsumer<HaltInstrument>, IConsumer<ResumeInstrument>
{
    public Task Consume(ConsumeContext<HaltInstrument> context) =>
        Run(
            context,
            nameof(HaltInstrument),
            context.Message.InstrumentId,
            book => book.Halted ? (ReasonCodes.AlreadyHalted, $"{book.InstrumentId} is already halted: {book.HaltReason}.") : null,
            commit => new HaltReceived(context.Message, commit.Now)
        );

    public Task Consume(ConsumeContext<ResumeInstrument> context) =>
        Run(
            context,
            nameof(ResumeInstrument),
            context.Message.InstrumentId,
            book => book.Halted ? null : (ReasonCodes.NotHalted, $"{book.InstrumentId} is not halted."),
            commit => new ResumeReceived(context.Message, commit.Now)
        );

    private async Task Run(
        ConsumeContext context,
        string messageType,
        string instrumentId,
        Func<OrderBook, (string Reason, string Detail)?> refuse,
        Func<MatchingCommit, object> input
    )
    {
        object reply = new MarketCommandRejected(ReasonCodes.InstrumentUnknown, $"No book is open for '{instrumentId}'.");
        await writer.Execute(
            context.MessageId!.Value,
            messageType,
            async commit =>
            {
                var book = await commit.Books.Get(commit.Session, instrumentId);
                if (book is null)
                    return false;
                if (refuse(book) is { } r)
                {
                    reply = new MarketCommandRejected(r.Reason, r.Detail);
                    return false;
                }
                commit.Run(book, input(commit));
                reply = new MarketCommandAccepted(instrumentId, book.PhaseAt(commit.Now));
                return true;
            },
            context.CancellationToken
        );
        await context.RespondAsync(reply);
    }
}

/// <summary>Answers <see cref="GetMarket"/> with <see cref="MarketView"/> or <see cref="MarketNotFound"/>, read on the engine's writer so
/// it never sees a half-applied input.</summary>
public sealed class GetMarketConsumer(MatchingWriter writer) : IConsumer<GetMarket>
{
    public async Task Consume(ConsumeContext<GetMarket> context)
    {
        object reply = new MarketNotFound(context.Message.InstrumentId);
        await writer.Execute(
            Guid.NewGuid(),
            nameof(GetMarket),
            async commit =>
            {
                if (await commit.Books.Get(commit.Session, context.Message.InstrumentId) is { } book)
                    reply = book.View(commit.Now);
                return false;
            },
            context.CancellationToken
        );
        await context.RespondAsync(reply);
    }
}
