using MassTransit;
using Microsoft.Extensions.Options;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Instruments;

/// <summary>
/// Opens a book when the registry lists an instrument, with the trading rules of the profile it names
/// (<c>Trading:Profiles</c>; the <c>default</c> profile if that name is not configured).
/// </summary>
public sealed class InstrumentListedConsumer(
    MatchingWriter writer,
    IOptions<TradingOptions> trading,
    ILogger<InstrumentListedConsumer> logger
) : IConsumer<MessageBatch<InstrumentListed>>
{
    public Task Consume(ConsumeContext<MessageBatch<InstrumentListed>> context) => writer.ExecuteBatch(context, async (commit, entry) =>
        {
            var listed = entry.Message;
            if (await commit.Books.Get(commit.Session, listed.InstrumentId) is not null)
                return true;
            if (!trading.Value.Profiles.ContainsKey(listed.TradingProfile))
                logger.LogWarning(
                    "Instrument {Instrument} names trading profile {Profile}, which is not configured; using '{Default}'",
                    listed.InstrumentId,
                    listed.TradingProfile,
                    TradingOptions.DefaultProfile
                );
            var opened = new BookOpened(
                listed.InstrumentId,
                listed.Unit,
                listed.QuantityStep,
                listed.TradingProfile,
                trading.Value.For(listed.TradingProfile),
                listed.ReferencePrice,
                commit.Now
            );
            commit.Open(opened);
            logger.LogInformation("Opened the book of {Instrument} ({Profile})", listed.InstrumentId, listed.TradingProfile);
            return true;
        });
}
