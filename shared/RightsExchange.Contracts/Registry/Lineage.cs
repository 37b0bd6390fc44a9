using NodaTime;

// Serial numbers and lineage of credits and sinks. Version 1.
// An issuance of a serialized class (CCER, forestry sinks, biodiversity credits by default) is a batch with a serial
// range; every later movement of its units names the serial blocks it moved, first in, first out unless the holder
// names a batch. GET /api/instruments/{id}/lineage?first=&last= answers GetSerialLineage.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Consecutive serial numbers <paramref name="First"/>..<paramref name="Last"/> (inclusive) of one instrument, all of
/// issuance batch <paramref name="Batch"/>. One serial is one quantity step of the instrument (1 t for CCER, 0.1 t for
/// forestry sinks), so a block holds (Last − First + 1) × step units. Serial numbers run on across an instrument's
/// batches and are never reused.
/// </summary>
public sealed record SerialBlock(int Batch, long First, long Last)
{
    /// <summary>How many serials the block holds.</summary>
    public long Count => Last - First + 1;

    public override string ToString() => $"batch {Batch}: {First}-{Last}";
}

/// <summary>Request: the path of serials <paramref name="First"/>..<paramref name="Last"/> of an instrument, from issuance to now.
/// Regulator only.</summary>
public sealed record GetSerialLineage(string InstrumentId, long First, long Last);

/// <summary>
/// Reply to <see cref="GetSerialLineage"/>: the batches the serials were issued in, every step that moved any of
/// them in the order it happened, and where each part is now.
/// </summary>
/// <param name="Unit">
/// The instrument's unit; each serial is <paramref name="QuantityStep"/> of it (the retail step, for a right listed for retail).
/// </param>
public sealed record SerialLineage(
    string InstrumentId,
    string Unit,
    decimal QuantityStep,
    long First,
    long Last,
    IReadOnlyList<SerialBatch> Batches,
    IReadOnlyList<LineageStep> Path,
    IReadOnlyList<SerialWhereabouts> Whereabouts
);

/// <summary>An issuance batch: its serial range, the project or issuing body, and to whom it was issued.</summary>
public sealed record SerialBatch(
    int Batch,
    Guid IssuanceId,
    SerialBlock Serials,
    string IssuedTo,
    string? Project,
    string? IssuingBody,
    Instant IssuedAt
);

/// <summary>
/// One movement of serials: <paramref name="Kind"/> is Issued, Settled (an exchange trade; reference: the settlement id),
/// Transferred, TransferReversed, Pledged, PledgeReleased, PledgeEnforced, Retired, Surrendered, Cancelled, Expired or IssuanceReversed
/// (reference: the transaction's id). <paramref name="Blocks"/> are the moved serials within the range asked about.
/// <paramref name="From"/> is null for an issuance; <paramref name="To"/> is null when the units left circulation.
/// </summary>
public sealed record LineageStep(string Kind, IReadOnlyList<SerialBlock> Blocks, string? From, string? To, string Reference, Instant At);

/// <summary>
/// Where serials are now: held (free to trade or transfer, or reserved for a sell order) or pledged by
/// <paramref name="Holder"/>, or retired, surrendered, cancelled, expired or withdrawn by an issuance reversal from its account
/// (<paramref name="Status"/>).
/// </summary>
public sealed record SerialWhereabouts(SerialBlock Block, string Holder, string Status);

/// <summary>Reply: no serials in that range (unknown instrument, an instrument without serials, or serials not yet issued).</summary>
public sealed record SerialLineageNotFound(string InstrumentId, long First, long Last, string Detail);

/// <summary>The kinds of <see cref="LineageStep"/>, and the statuses of <see cref="SerialWhereabouts"/>.</summary>
public static class SerialMovement
{
    public const string Issued = "Issued";
    public const string Settled = "Settled";
    public const string Transferred = "Transferred";
    public const string TransferReversed = "TransferReversed";
    public const string Pledged = "Pledged";
    public const string PledgeReleased = "PledgeReleased";
    public const string PledgeEnforced = "PledgeEnforced";
    public const string Retired = "Retired";
    public const string Surrendered = "Surrendered";
    public const string Cancelled = "Cancelled";
    public const string Expired = "Expired";
    public const string IssuanceReversed = "IssuanceReversed";

    /// <summary>Whereabouts status: in the holder's account, free or reserved for a sell order.</summary>
    public const string Held = "Held";
}
