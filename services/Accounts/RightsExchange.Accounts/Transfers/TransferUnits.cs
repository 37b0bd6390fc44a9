using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Transfers;

/// <summary>
/// Off-exchange transfer between holding accounts, with its price recorded: units leave the transferor's available
/// balance and arrive in the transferee's, in one commit, and <see cref="UnitsTransferred"/> is the record (stream
/// <c>transfer:{id}</c>). The regional rules apply to the transferee as they do to a buyer.
/// </summary>
public sealed class TransferUnitsConsumer(LedgerWriter writer) : IConsumer<TransferUnits>
{
    public const string StreamPrefix = "transfer:";

    public Task Consume(ConsumeContext<TransferUnits> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerUnit ledger, TransferUnits c)
    {
        if (c.FromParticipantId == c.ToParticipantId)
            return new RegistryCommandRejected("SAME_ACCOUNT", "A transfer needs two different holding accounts.");
        var from = (await ledger.Participant(c.FromParticipantId)).State;
        var to = (await ledger.Participant(c.ToParticipantId)).State;
        if ((RegistryChecks.Active(from, c.FromParticipantId) ?? RegistryChecks.Active(to, c.ToParticipantId)) is { } inactive) return inactive;
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return new RegistryCommandRejected("INSTRUMENT_UNKNOWN", $"No instrument '{c.InstrumentId}'.");
        if (instrument.ExpiredOn(MarketTime.TradingDateOf(ledger.Now)))
            return new RegistryCommandRejected("RIGHT_EXPIRED", $"{c.InstrumentId} was valid until {instrument.Definition.ValidTo}.");
        if (c.Price is < 0 || c.Price is { } price && price != Money.RoundCny(price))
            return new RegistryCommandRejected("INVALID_PRICE", "The price is CNY per unit, not negative, to the fen.");
        var source = await ledger.Holding(c.FromParticipantId, c.InstrumentId);
        if ((RegistryChecks.Quantity(instrument.Definition, c.Quantity) ?? RegistryChecks.Available(source.State, instrument.Definition, c.Quantity, "Transferring")) is { } refused)
            return refused;
        if (await ledger.RegionalBreach(to!, instrument.Definition) is { } breach)
            return new RegistryCommandRejected("REGION_NOT_ALLOWED", breach);

        source.Append(new UnitsTransferredOut(c.TransferId, c.Quantity, c.Price, c.ToParticipantId, ledger.Now));
        (await ledger.Holding(c.ToParticipantId, c.InstrumentId)).Append(new UnitsTransferredIn(c.TransferId, c.Quantity, c.Price, c.FromParticipantId, ledger.Now));
        ledger.Streams.Session.Events.StartStream(StreamPrefix + c.TransferId, new UnitsTransferred(c.TransferId, c.InstrumentId, c.FromParticipantId,
            c.ToParticipantId, new Quantity(c.Quantity, instrument.Unit), c.Price, c.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(c.TransferId.ToString());
    }
}
