using MassTransit;
using RightsExchange.Accounts.Corridors;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Transfers;

/// <summary>An off-exchange transfer's record (stream <c>transfer:{transferId}</c>): made, then perhaps reversed.</summary>
public sealed record TransferRecord(string Id, UnitsTransferred Transfer, TransferReversed? Reversal) : IFold<TransferRecord>
{
    public static string StreamPrefix => "transfer:";

    public static TransferRecord? Fold(TransferRecord? state, string streamKey, object @event) =>
        @event switch
        {
            UnitsTransferred e when state is null => new TransferRecord(streamKey, e, null),
            TransferReversed e when state is { Reversal: null } => state with { Reversal = e },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to {streamKey}"),
        };
}

/// <summary>
/// Off-exchange transfer between holding accounts, with its price recorded: units leave the transferor's available
/// balance and arrive in the transferee's, in one commit, and <see cref="UnitsTransferred"/> is the record (stream
/// <c>transfer:{id}</c>). The regional rules apply to the transferee as they do to a buyer; a water right leaving its
/// basin along a configured corridor takes corridor capacity instead (<see cref="WaterCorridors"/>).
/// </summary>
public sealed class TransferUnitsConsumer(LedgerWriter writer) : IConsumer<TransferUnits>, IConsumer<ReverseTransfer>
{
    public Task Consume(ConsumeContext<TransferUnits> context) => writer.Reply(context, Handle);

    public Task Consume(ConsumeContext<ReverseTransfer> context) => writer.Reply(context, (ledger, c) => Reverse(ledger, c));

    /// <summary>
    /// Checks the transfer, then makes it, or admits it to the water corridor it takes (made now or queued); water
    /// coming back into its basin along a corridor frees that corridor's volume.
    /// </summary>
    public static async Task<object> Handle(LedgerCommit ledger, TransferUnits c)
    {
        if ((await ledger.Streams.Open<TransferRecord>(TransferRecord.StreamPrefix + c.TransferId)).State is not null)
            return new RegistryCommandRejected(ReasonCodes.TransferExists, $"Transfer {c.TransferId} was made already.");
        if (await Check(ledger, c) is { } refused)
            return refused;
        var instrument = (await ledger.Instrument(c.InstrumentId)).State!.Definition;
        var sender = (await ledger.Participant(c.FromParticipantId)).State!;
        var receiver = (await ledger.Participant(c.ToParticipantId)).State!;
        if (WaterCorridors.Route(ledger, instrument, receiver.Region) is { } corridor)
            return await WaterCorridors.Admit(ledger, corridor, c, () => Make(ledger, c));
        var made = await Make(ledger, c);
        if (WaterCorridors.BackTrade(ledger, instrument, sender.Region, receiver.Region) is { } back)
            await WaterCorridors.Returned(ledger, back, c.TransferId, c.Quantity, Make);
        return made;
    }

    /// <summary>
    /// The transfer's checks, or null when it may be made. A water right leaving its basin along a configured corridor
    /// needs corridor capacity instead of a cross-region approval.
    /// </summary>
    public static async Task<RegistryCommandRejected?> Check(LedgerCommit ledger, TransferUnits c)
    {
        if (c.FromParticipantId == c.ToParticipantId)
            return new RegistryCommandRejected(ReasonCodes.SameAccount, "A transfer needs two different holding accounts.");
        var from = (await ledger.Participant(c.FromParticipantId)).State;
        var to = (await ledger.Participant(c.ToParticipantId)).State;
        if ((RegistryChecks.Active(from, c.FromParticipantId) ?? RegistryChecks.Active(to, c.ToParticipantId)) is { } inactive)
            return inactive;
        if (from!.Kind == ParticipantKind.Individual || to!.Kind == ParticipantKind.Individual)
            return new RegistryCommandRejected(
                ReasonCodes.RetailOnly,
                "An individual's account takes part in retail purchases only, which retire "
                    + "what they buy; units are not transferred to or from it (no resale)."
            );
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (instrument.ExpiredOn(MarketTime.TradingDateOf(ledger.Now)))
            return new RegistryCommandRejected(
                ReasonCodes.RightExpired,
                $"{c.InstrumentId} was valid until {instrument.Definition.ValidTo}."
            );
        if (c.Price is < 0 || c.Price is { } price && price != Money.RoundCny(price))
            return new RegistryCommandRejected(ReasonCodes.InvalidPrice, "The price is CNY per unit, not negative, to the fen.");
        var source = await ledger.Holding(c.FromParticipantId, c.InstrumentId);
        if (RegistryChecks.Outgoing(ledger, instrument.Definition, source.State, c.Quantity, c.Batch, "Transferring") is { } refused)
            return refused;
        if (
            WaterCorridors.Route(ledger, instrument.Definition, to!.Region) is null
            && await ledger.RegionalBreach(to, instrument.Definition) is { } breach
        )
            return new RegistryCommandRejected(ReasonCodes.RegionNotAllowed, breach);
        return null;
    }

    /// <summary>Makes a checked transfer: units and serials move, and the transfer's record is written, in this commit.</summary>
    public static async Task<object> Make(LedgerCommit ledger, TransferUnits c)
    {
        var instrument = (await ledger.Instrument(c.InstrumentId)).State!;
        var source = await ledger.Holding(c.FromParticipantId, c.InstrumentId);
        var target = await ledger.Holding(c.ToParticipantId, c.InstrumentId);
        source.Append(new UnitsTransferredOut(c.TransferId, c.Quantity, c.Price, c.ToParticipantId, ledger.Now));
        target.Append(new UnitsTransferredIn(c.TransferId, c.Quantity, c.Price, c.FromParticipantId, ledger.Now));
        var serials = Serials.Move(
            ledger,
            instrument.Definition,
            SerialMovement.Transferred,
            c.TransferId.ToString(),
            source,
            c.Quantity,
            target,
            c.Batch
        );
        (await ledger.Streams.Open<TransferRecord>(TransferRecord.StreamPrefix + c.TransferId)).Append(
            new UnitsTransferred(
                c.TransferId,
                c.InstrumentId,
                c.FromParticipantId,
                c.ToParticipantId,
                new Quantity(c.Quantity, instrument.Unit),
                c.Price,
                c.RequestedBy,
                ledger.Now,
                serials.Count > 0 ? serials : null
            )
        );
        return new RegistryCommandAccepted(c.TransferId.ToString());
    }

    /// <summary>
    /// Reverses a transfer with a compensating transfer back, at its price. With four-eyes on, a regulator's request is
    /// proposed and <paramref name="approved"/> is true when a second regulator approved it.
    /// </summary>
    public static async Task<object> Reverse(LedgerCommit ledger, ReverseTransfer c, bool approved = false)
    {
        var record = await ledger.Streams.Open<TransferRecord>(TransferRecord.StreamPrefix + c.TransferId);
        if (record.State is not { Transfer: var t } state)
            return new RegistryCommandRejected(ReasonCodes.TransferUnknown, $"No transfer {c.TransferId}.");
        if (state.Reversal is not null)
            return new RegistryCommandRejected(
                ReasonCodes.AlreadyReversed,
                $"Transfer {c.TransferId} was reversed at {state.Reversal.ReversedAt}."
            );
        var receiver = await ledger.Holding(t.ToParticipantId, t.InstrumentId);
        var instrument = (await ledger.Instrument(t.InstrumentId)).State!.Definition;
        if (RegistryChecks.Available(receiver.State, instrument, t.Quantity.Amount, "Reversing the transfer of") is { } refused)
            return refused;
        if (t.Serials is { } moved && !SerialPool.Contains(receiver.State!.FreeSerials, moved))
            return new RegistryCommandRejected(
                ReasonCodes.SerialsMovedOn,
                $"{t.ToParticipantId} no longer holds free all of the serials the transfer moved ({string.Join(", ", moved)}); a "
                    + $"reversal returns exactly those."
            );
        if (ledger.FourEyes && !approved)
            return await FourEyes.RegistryActionConsumer.Propose(
                ledger,
                c.ReversalId,
                RegistryActionKind.TransferReversal,
                $"Reverse transfer {c.TransferId}: {t.Quantity} {t.InstrumentId} back from {t.ToParticipantId} to {t.FromParticipantId}",
                c.RequestedBy,
                reversal: c
            );

        var sender = await ledger.Holding(t.FromParticipantId, t.InstrumentId);
        receiver.Append(new UnitsTransferredOut(c.ReversalId, t.Quantity.Amount, t.Price, t.FromParticipantId, ledger.Now));
        sender.Append(new UnitsTransferredIn(c.ReversalId, t.Quantity.Amount, t.Price, t.ToParticipantId, ledger.Now));
        Serials.Move(
            ledger,
            instrument,
            SerialMovement.TransferReversed,
            c.ReversalId.ToString(),
            receiver,
            t.Quantity.Amount,
            sender,
            exact: t.Serials
        );
        record.Append(new TransferReversed(c.TransferId, c.ReversalId, c.Reason, c.RequestedBy, ledger.Now));
        var (receiverRegion, senderRegion) = (
            (await ledger.Participant(t.ToParticipantId)).State!.Region,
            (await ledger.Participant(t.FromParticipantId)).State!.Region
        );
        if (WaterCorridors.BackTrade(ledger, instrument, receiverRegion, senderRegion) is { } corridor)
            await WaterCorridors.Returned(ledger, corridor, c.ReversalId, t.Quantity.Amount, Make);
        return new RegistryCommandAccepted(c.ReversalId.ToString());
    }
}
