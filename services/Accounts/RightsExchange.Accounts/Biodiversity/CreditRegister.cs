using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Biodiversity;

/// <summary>
/// Answers <see cref="GetCreditRegister"/>: the public register of a biodiversity credit's transactions, read from its
/// holding streams (NSW keeps a public register of biodiversity credits and their transactions, Biodiversity
/// Conservation Act 2016 Part 9).
/// A trade appears once, from the buyer's receipt, with its price and seller.
/// </summary>
public sealed class GetCreditRegisterConsumer(IQuerySession session) : IConsumer<GetCreditRegister>
{
    public async Task Consume(ConsumeContext<GetCreditRegister> context)
    {
        var instrumentId = context.Message.InstrumentId;
        var instrument = await session.LoadAsync<Instrument>(StreamKeys.Instrument(instrumentId), context.CancellationToken);
        if (instrument?.Definition.Class != InstrumentClass.BiodiversityCredit)
        {
            await context.RespondAsync(new CreditRegister(instrumentId, false, []));
            return;
        }
        var suffix = ":" + instrumentId;
        var events = await session
            .Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(Holding.StreamPrefix) && e.StreamKey!.EndsWith(suffix))
            .OrderBy(e => e.Sequence)
            .ToListAsync(context.CancellationToken);
        var transactions = events
            .Select(e => Transaction(StreamKeys.OfHolding(e.StreamKey!).ParticipantId, e.Data))
            .OfType<CreditTransaction>();
        await context.RespondAsync(new CreditRegister(instrumentId, true, [.. transactions]));
    }

    private static CreditTransaction? Transaction(string holder, object data) =>
        data switch
        {
            UnitsIssued e => new("Issued", e.IssuedAt, e.Quantity.Amount, null, null, holder, e.IssuanceId.ToString()),
            UnitsReceived e => new("Traded", e.At, e.Quantity, e.Price, e.SellerId, holder, e.SettlementId),
            UnitsTransferredIn e => new("Transferred", e.At, e.Quantity, e.Price, e.FromParticipantId, holder, e.TransferId.ToString()),
            UnitsRetired e => new("Retired", e.At, e.Quantity, null, holder, null, e.RetirementId.ToString()),
            _ => null,
        };
}
