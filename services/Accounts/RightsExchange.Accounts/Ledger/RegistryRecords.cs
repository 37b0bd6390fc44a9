using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>A registered participant (stream <c>participant:{id}</c>).</summary>
/// <param name="FrozenReason">Set while the participant's accounts are frozen.</param>
/// <param name="Status">Pending, Active or Suspended (<see cref="ParticipantStatus"/>).</param>
public sealed record Participant(
    string Id,
    string ParticipantId,
    string Name,
    ParticipantKind Kind,
    string Region,
    string? FrozenReason = null,
    string Status = ParticipantStatus.Active
) : IFold<Participant>
{
    public static string StreamPrefix => "participant:";

    public bool Frozen => FrozenReason is not null;

    public static Participant? Fold(Participant? state, string streamKey, object @event) =>
        @event switch
        {
            ParticipantRegistered e => new Participant(streamKey, e.ParticipantId, e.Name, e.Kind, e.Region, Status: e.Status),
            ParticipantStatusChanged e when state is not null && state.Status != e.Status => state with { Status = e.Status },
            AccountFrozen e when state is { Frozen: false } => state with { FrozenReason = e.Reason },
            AccountUnfrozen when state is { Frozen: true } => state with { FrozenReason = null },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a participant event"),
        };
}

/// <summary>A listed instrument (stream <c>instrument:{id}</c>), with the serial ranges of its issuance batches (credits and
/// sinks).</summary>
public sealed record Instrument(string Id, InstrumentListed Definition, IReadOnlyList<SerialBlock>? Batches = null) : IFold<Instrument>
{
    /// <summary>The serial ranges assigned so far, batch 1 first.</summary>
    public IReadOnlyList<SerialBlock> SerialBatches => Batches ?? [];

    /// <summary>The serial range the next batch of <paramref name="count"/> serials gets: numbers run on from the last batch.</summary>
    public SerialBlock NextBatch(long count)
    {
        var first = SerialBatches.Count == 0 ? 1 : SerialBatches[^1].Last + 1;
        return new SerialBlock(SerialBatches.Count + 1, first, first + count - 1);
    }

    /// <summary>True once <paramref name="date"/> (a trading day, Asia/Shanghai) is past the right's validity.</summary>
    public bool ExpiredOn(NodaTime.LocalDate date) => Definition.ValidTo is { } validTo && date > validTo;

    public static string StreamPrefix => "instrument:";

    public string InstrumentId => Definition.InstrumentId;
    public string Unit => Definition.Unit;

    public static Instrument? Fold(Instrument? state, string streamKey, object @event) =>
        @event switch
        {
            InstrumentListed e => new Instrument(streamKey, e),
            SerialsAssigned e when state is not null && e.Serials.Batch == state.SerialBatches.Count + 1 => state with
            {
                Batches = [.. state.SerialBatches, e.Serials],
            },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to instrument {streamKey}"),
        };
}

/// <summary>The registry's side of one settlement (stream <c>dvp:{settlementId}</c>): posted or refused, once.</summary>
public sealed record SettlementRecord(string Id, string Outcome, string? Reason) : IFold<SettlementRecord>
{
    public static string StreamPrefix => "dvp:";

    /// <summary>Only the registry's writer reads it, to apply a settlement once: no document.</summary>
    public static bool Documented => false;

    public static SettlementRecord? Fold(SettlementRecord? state, string streamKey, object @event) =>
        @event switch
        {
            SettlementPosted => new SettlementRecord(streamKey, SettlementOutcome.Posted, null),
            SettlementRefused e => new SettlementRecord(streamKey, SettlementOutcome.Refused, e.Reason),
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a settlement record event"),
        };
}
