using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Cancellation;

/// <summary>
/// Cancellation by a regulator (credits invalidated after issuance, say): the units leave the holder's available
/// balance for good, and <see cref="UnitsCancelled"/> (stream <c>cancellation:{id}</c>) records why.
/// </summary>
public sealed class CancelUnitsConsumer(LedgerWriter writer) : IConsumer<CancelUnits>
{
    public const string StreamPrefix = "cancellation:";

    public Task Consume(ConsumeContext<CancelUnits> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, CancelUnits c)
    {
        if ((await ledger.Participant(c.ParticipantId)).State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.ParticipantId}'.");
        var instrument = (await ledger.Instrument(c.InstrumentId)).State?.Definition;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        var holding = await ledger.Holding(c.ParticipantId, c.InstrumentId);
        if (RegistryChecks.Outgoing(ledger, instrument, holding.State, c.Quantity, c.Batch, "Cancelling") is { } refused)
            return refused;
        holding.Append(new UnitsCancelledFromHolding(c.CancellationId, c.Quantity, ledger.Now));
        Serials.Move(ledger, instrument, SerialMovement.Cancelled, c.CancellationId.ToString(), holding, c.Quantity, batch: c.Batch);
        ledger.Streams.Session.Events.StartStream(
            StreamPrefix + c.CancellationId,
            new UnitsCancelled(
                c.CancellationId,
                c.ParticipantId,
                c.InstrumentId,
                new Quantity(c.Quantity, instrument.Unit),
                c.Reason,
                c.RequestedBy,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.CancellationId.ToString());
    }
}
