using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's off-exchange transfers and their reversal (the accounts service). Version 1.
// Each request is answered RegistryCommandAccepted or RegistryCommandRejected and, when accepted, recorded as an event
// of the stream transfer:{id}.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: an off-exchange transfer between two holding accounts, with its agreed price recorded (a trader for the
/// transferor, or a regulator). Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, SAME_ACCOUNT, ACCOUNT_FROZEN,
/// RIGHT_EXPIRED, INVALID_QUANTITY, INVALID_PRICE, INSUFFICIENT_UNITS, REGION_NOT_ALLOWED, TRANSFER_EXISTS (the id was
/// used by a transfer already made), RETAIL_ONLY (either account is an individual's), for a named batch NOT_SERIALIZED or
/// INSUFFICIENT_BATCH_UNITS, and along a water
/// corridor EXCEEDS_CORRIDOR_VOLUME. Along a corridor without capacity left it is answered RegistryCommandPending
/// (kind CorridorQueue) and made when its turn comes.
/// </summary>
/// <param name="TransferId">Caller-chosen; a repeat transfers nothing more.</param>
/// <param name="Price">CNY per unit agreed between the parties (settled outside the exchange); null for a gift or an internal move.</param>
/// <param name="Batch">For credits and sinks, the issuance batch to take the units from; first in, first out when null.</param>
public sealed record TransferUnits(
    Guid TransferId,
    string FromParticipantId,
    string ToParticipantId,
    string InstrumentId,
    decimal Quantity,
    decimal? Price,
    string RequestedBy,
    int? Batch = null
);

/// <summary>Event (stream <c>transfer:{transferId}</c>): units moved between holding accounts off the exchange.</summary>
/// <param name="Serials">For credits and sinks, the serial blocks moved; a reversal moves the same ones back.</param>
public sealed record UnitsTransferred(
    Guid TransferId,
    string InstrumentId,
    string FromParticipantId,
    string ToParticipantId,
    Quantity Quantity,
    decimal? Price,
    string RequestedBy,
    Instant TransferredAt,
    IReadOnlyList<SerialBlock>? Serials = null
);

/// <summary>
/// Request: reverse an erroneous transfer with a compensating transfer back (never an edit); a regulator proposes it and
/// a second approves (four-eyes). Rejected: TRANSFER_UNKNOWN, ALREADY_REVERSED, INSUFFICIENT_UNITS (the receiver no
/// longer has the units available), SERIALS_MOVED_ON (credits and sinks: the receiver no longer holds, free, the
/// serials the transfer moved; a reversal returns exactly those).
/// </summary>
public sealed record ReverseTransfer(Guid ReversalId, Guid TransferId, string Reason, string RequestedBy);

/// <summary>Event (stream <c>transfer:{transferId}</c>): the transfer was reversed by a compensating transfer back.</summary>
public sealed record TransferReversed(Guid TransferId, Guid ReversalId, string Reason, string RequestedBy, Instant ReversedAt);
