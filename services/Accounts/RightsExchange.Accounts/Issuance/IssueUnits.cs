using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Issuance;

/// <summary>
/// Issues units into a participant's holding account. The gateway sends it with the issuance id as message id,
/// so a repeated issuance issues nothing more.
/// Rejects PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, INVALID_QUANTITY (not positive or not a multiple of the step).
/// </summary>
public sealed class IssueUnitsConsumer(LedgerWriter writer) : IConsumer<IssueUnits>
{
    public Task Consume(ConsumeContext<IssueUnits> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerUnit ledger, IssueUnits c)
    {
        if ((await ledger.Participant(c.ParticipantId)).State is null)
            return new RegistryCommandRejected("PARTICIPANT_UNKNOWN", $"No participant '{c.ParticipantId}'.");
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return new RegistryCommandRejected("INSTRUMENT_UNKNOWN", $"No instrument '{c.InstrumentId}'.");
        if (!Quantities.IsValid(c.Quantity, instrument.Definition.QuantityStep))
            return new RegistryCommandRejected("INVALID_QUANTITY", $"Quantity must be positive and a multiple of {instrument.Definition.QuantityStep} {instrument.Unit}.");
        var holding = await ledger.Holding(c.ParticipantId, c.InstrumentId);
        holding.Append(new UnitsIssued(c.IssuanceId, c.InstrumentId, c.ParticipantId, new Quantity(c.Quantity, instrument.Unit), ledger.Now));
        return new RegistryCommandAccepted($"{c.InstrumentId}:{c.ParticipantId}");
    }
}
