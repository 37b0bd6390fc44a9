using NodaTime;
using RightsExchange.Contracts.Values;

// Registry transactions outside the order book. Version 1.
// Each request is answered RegistryCommandAccepted or RegistryCommandRejected (reason codes below) and, when
// accepted, recorded as an event of its own stream: transfer:{id}, retirement:{id}, pledge:{id}.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: an off-exchange transfer between two holding accounts, with its agreed price recorded (a trader for the
/// transferor, or a regulator). Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, SAME_ACCOUNT, ACCOUNT_FROZEN,
/// RIGHT_EXPIRED, INVALID_QUANTITY, INVALID_PRICE, INSUFFICIENT_UNITS, REGION_NOT_ALLOWED, TRANSFER_EXISTS (the id was
/// used by a transfer already made), for a named batch NOT_SERIALIZED or INSUFFICIENT_BATCH_UNITS, and along a water
/// corridor EXCEEDS_CORRIDOR_VOLUME. Along a corridor without capacity left it is answered RegistryCommandPending
/// (kind CorridorQueue) and made when its turn comes.
/// </summary>
/// <param name="TransferId">Caller-chosen; a repeat transfers nothing more.</param>
/// <param name="Price">CNY per unit agreed between the parties (settled outside the exchange); null for a gift or an internal move.</param>
/// <param name="Batch">For credits and sinks, the issuance batch to take the units from; first in, first out when null.</param>
public sealed record TransferUnits(Guid TransferId, string FromParticipantId, string ToParticipantId, string InstrumentId, decimal Quantity, decimal? Price, string RequestedBy,
    int? Batch = null);

/// <summary>Event (stream <c>transfer:{transferId}</c>): units moved between holding accounts off the exchange.</summary>
/// <param name="Serials">For credits and sinks, the serial blocks moved; a reversal moves the same ones back.</param>
public sealed record UnitsTransferred(Guid TransferId, string InstrumentId, string FromParticipantId, string ToParticipantId, Quantity Quantity, decimal? Price,
    string RequestedBy, Instant TransferredAt, IReadOnlyList<SerialBlock>? Serials = null);

/// <summary>
/// Request: reverse an erroneous transfer with a compensating transfer back (never an edit); a regulator proposes it and
/// a second approves (four-eyes). Rejected: TRANSFER_UNKNOWN, ALREADY_REVERSED, INSUFFICIENT_UNITS (the receiver no
/// longer has the units available), SERIALS_MOVED_ON (credits and sinks: the receiver no longer holds, free, the
/// serials the transfer moved; a reversal returns exactly those).
/// </summary>
public sealed record ReverseTransfer(Guid ReversalId, Guid TransferId, string Reason, string RequestedBy);

/// <summary>Event (stream <c>transfer:{transferId}</c>): the transfer was reversed by a compensating transfer back.</summary>
public sealed record TransferReversed(Guid TransferId, Guid ReversalId, string Reason, string RequestedBy, Instant ReversedAt);

/// <summary>
/// Request: retire units on behalf of a named beneficiary (a trader for the holder, or a regulator). Retired units
/// leave circulation for good. Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, ACCOUNT_FROZEN, INVALID_QUANTITY,
/// INSUFFICIENT_UNITS, BENEFICIARY_MISSING, and for a named batch NOT_SERIALIZED or INSUFFICIENT_BATCH_UNITS.
/// </summary>
/// <param name="Purpose">What the retirement offsets, e.g. "2025 operations of the Wuhu plant".</param>
/// <param name="Batch">For credits and sinks, the issuance batch to retire from; first in, first out when null.</param>
public sealed record RetireUnits(Guid RetirementId, string ParticipantId, string InstrumentId, decimal Quantity, string Beneficiary, string Purpose, string RequestedBy,
    int? Batch = null);

/// <summary>
/// Event (stream <c>retirement:{retirementId}</c>) and the retirement record: readable by anyone who has its id
/// (<c>GET /api/retirements/{id}</c>), and announced on the public feed.
/// </summary>
/// <param name="Vintage">The instrument's vintage year, when it has one.</param>
/// <param name="Serials">For credits and sinks, the serial blocks retired (each serial is one quantity step); null otherwise.</param>
public sealed record RetirementRecorded(Guid RetirementId, string InstrumentId, string InstrumentName, int? Vintage, string ParticipantId, Quantity Quantity,
    string Beneficiary, string Purpose, Instant RetiredAt, IReadOnlyList<SerialBlock>? Serials = null);

/// <summary>Request: a retirement record by id.</summary>
public sealed record GetRetirement(Guid RetirementId);

/// <summary>Reply to <see cref="GetRetirement"/> when there is no such record.</summary>
public sealed record RetirementNotFound(Guid RetirementId);

/// <summary>
/// Request: pledge units to a named pledgee (a bank, for a loan); the units stay in the pledgor's account, frozen,
/// until the pledgee releases them or the pledge is enforced. A trader for the pledgor, or a regulator. Rejected:
/// PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, SAME_ACCOUNT, ACCOUNT_FROZEN, INVALID_QUANTITY, INSUFFICIENT_UNITS, and for a
/// named batch NOT_SERIALIZED or INSUFFICIENT_BATCH_UNITS.
/// </summary>
/// <param name="Reference">The loan or pledge contract reference.</param>
/// <param name="Batch">For credits and sinks, the issuance batch to pledge from; first in, first out when null.</param>
public sealed record PledgeUnits(Guid PledgeId, string PledgorId, string PledgeeId, string InstrumentId, decimal Quantity, string Reference, string RequestedBy,
    int? Batch = null);

/// <summary>
/// Request: end a pledge. <paramref name="Enforce"/> false releases the units to the pledgor (the pledgee or a
/// regulator); true enforces it, transferring them to the pledgee (a regulator, on the pledgee's application).
/// Rejected: PLEDGE_UNKNOWN, NOT_PLEDGEE, PLEDGE_NOT_ACTIVE.
/// </summary>
public sealed record EndPledge(Guid PledgeId, bool Enforce, string Reason, string RequestedBy, bool RequestedByRegulator, string? RequesterParticipantId);

/// <summary>Event (stream <c>pledge:{pledgeId}</c>): units pledged.</summary>
public sealed record PledgeRegistered(Guid PledgeId, string PledgorId, string PledgeeId, string InstrumentId, Quantity Quantity, string Reference, string RequestedBy, Instant RegisteredAt);

/// <summary>Event (stream <c>pledge:{pledgeId}</c>): the pledge ended; the units were released to the pledgor, or enforced to the pledgee.</summary>
/// <param name="Outcome">Released or Enforced.</param>
public sealed record PledgeEnded(Guid PledgeId, string Outcome, string Reason, string RequestedBy, Instant EndedAt);

/// <summary>Request: a pledge and where it stands.</summary>
public sealed record GetPledge(Guid PledgeId);

/// <summary>Reply to <see cref="GetPledge"/>.</summary>
/// <param name="Status">Active, Released or Enforced; Unknown when there is no such pledge.</param>
public sealed record PledgeView(Guid PledgeId, string Status, PledgeRegistered? Registration, PledgeEnded? Ending);
