using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Lineage;

/// <summary>
/// Serial numbers of credits and sinks (<see cref="RegistrySettings.SerializedClasses"/>). An issuance is a batch with
/// the instrument's next serial range; every later movement debits serial blocks from one holding and credits them to
/// another (<see cref="SerialsDebited"/>, <see cref="SerialsCredited"/>), first in, first out unless the holder names a
/// batch, and records the step in the batch's stream <c>serials:{instrument}:{batch}</c>, which is the lineage an
/// auditor reads. Units and serials move in the same commit, so a holding's serials always count its units.
/// </summary>
public static class Serials
{
    public const string StreamPrefix = "serials:";

    public static string StreamKey(string instrumentId, int batch) => $"{StreamPrefix}{instrumentId}:{batch}";

    /// <summary>
    /// The quantity one serial stands for: the retail step of a right listed for retail, so a retail purchase moves whole
    /// serials, else the quantity step.
    /// </summary>
    public static decimal SerialStep(this InstrumentListed instrument) => instrument.RetailStep ?? instrument.QuantityStep;

    /// <summary>
    /// Checks a named batch before anything is appended: NOT_SERIALIZED (the instrument has no serials),
    /// INSUFFICIENT_BATCH_UNITS (the holding's free serials of that batch are fewer than <paramref name="quantity"/>).
    /// </summary>
    public static RegistryCommandRejected? CheckBatch(
        LedgerCommit ledger,
        InstrumentListed instrument,
        Holding? holding,
        decimal quantity,
        int? batch
    )
    {
        if (batch is not { } b)
            return null;
        if (!ledger.Registry.Serialized(instrument.Class))
            return new RegistryCommandRejected(
                ReasonCodes.NotSerialized,
                $"{instrument.InstrumentId} ({instrument.Class}) has no issuance batches to name."
            );
        var held = SerialPool.CountOf(holding?.FreeSerials ?? [], b) * instrument.SerialStep();
        return held >= quantity
            ? null
            : new RegistryCommandRejected(
                ReasonCodes.InsufficientBatchUnits,
                $"Batch {b} of {instrument.InstrumentId}: {held} {instrument.Unit} held free; {quantity} asked for."
            );
    }

    /// <summary>
    /// For a serialized instrument, assigns issuance <paramref name="c"/> the next serial range (recorded in the
    /// instrument's stream) and opens the batch's lineage stream; null for an instrument without serials.
    /// </summary>
    public static SerialBlock? Issue(LedgerCommit ledger, TrackedStream<Instrument> instrument, IssueUnits c)
    {
        var definition = instrument.State!.Definition;
        if (!ledger.Registry.Serialized(definition.Class))
            return null;
        var block = instrument.State.NextBatch(SerialPool.Count(c.Quantity, definition.SerialStep()));
        instrument.Append(new SerialsAssigned(c.IssuanceId, block, ledger.Now));
        ledger.Streams.Session.Events.Append(
            StreamKey(definition.InstrumentId, block.Batch),
            new SerialBatchIssued(c.IssuanceId, definition.InstrumentId, block, c.ParticipantId, c.Project, c.IssuingBody, ledger.Now)
        );
        return block;
    }

    /// <summary>
    /// Moves the serials of <paramref name="quantity"/> units that a movement of kind <paramref name="kind"/>
    /// (<see cref="SerialMovement"/>) takes out of <paramref name="from"/>: <paramref name="exact"/> blocks when given,
    /// else every serial pledged under <paramref name="fromPledge"/>, else its free serials of <paramref name="batch"/>
    /// or first in, first out. They go to <paramref name="to"/> (free, or pledged under <paramref name="toPledge"/>), or
    /// leave circulation when it is null. Returns the blocks moved; none for an instrument without serials. Throws
    /// <see cref="InvalidOperationException"/> when the holding's serials do not cover the units, which the ledger's
    /// invariant rules out.
    /// </summary>
    public static IReadOnlyList<SerialBlock> Move(
        LedgerCommit ledger,
        InstrumentListed instrument,
        string kind,
        string reference,
        TrackedStream<Holding> from,
        decimal quantity,
        TrackedStream<Holding>? to = null,
        int? batch = null,
        Guid? fromPledge = null,
        Guid? toPledge = null,
        IReadOnlyList<SerialBlock>? exact = null
    )
    {
        if (!ledger.Registry.Serialized(instrument.Class))
            return [];
        var holding = from.State ?? throw new InvalidOperationException($"{from.Key} holds nothing to move.");
        var blocks = exact
            ?? (
                fromPledge is { } pledge
                    ? holding.SerialsPledgedUnder(pledge)
                    : SerialPool.Take(holding.FreeSerials, SerialPool.Count(quantity, instrument.SerialStep()), batch)
            )
            ?? throw new InvalidOperationException($"{from.Key} has fewer serials than the {quantity} {instrument.Unit} it moves.");
        if (blocks.Sum(b => b.Count) * instrument.SerialStep() != quantity)
            throw new InvalidOperationException(
                $"{from.Key}: the serials {string.Join(", ", blocks)} are not {quantity} {instrument.Unit}."
            );

        from.Append(new SerialsDebited(blocks, fromPledge, ledger.Now));
        to?.Append(new SerialsCredited(blocks, toPledge, ledger.Now));
        var toParticipant = to is null ? null : StreamKeys.OfHolding(to.Key).ParticipantId;
        foreach (var inBatch in blocks.GroupBy(b => b.Batch))
            ledger.Streams.Session.Events.Append(
                StreamKey(instrument.InstrumentId, inBatch.Key),
                new SerialsMoved(kind, inBatch.ToList(), holding.ParticipantId, toParticipant, reference, ledger.Now)
            );
        return blocks;
    }
}
