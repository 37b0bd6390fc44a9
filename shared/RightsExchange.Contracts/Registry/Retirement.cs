using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's voluntary retirement of units (the accounts service). Version 1.
// Each request is answered RegistryCommandAccepted or RegistryCommandRejected and, when accepted, recorded as an event
// of the stream retirement:{id}.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: retire units on behalf of a named beneficiary (a trader for the holder, or a regulator). Retired units
/// leave circulation for good. Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, ACCOUNT_FROZEN, INVALID_QUANTITY,
/// INSUFFICIENT_UNITS, BENEFICIARY_MISSING, and for a named batch NOT_SERIALIZED or INSUFFICIENT_BATCH_UNITS.
/// </summary>
/// <param name="Purpose">What the retirement offsets, e.g. "2025 operations of the Wuhu plant".</param>
/// <param name="Batch">For credits and sinks, the issuance batch to retire from; first in, first out when null.</param>
public sealed record RetireUnits(
    Guid RetirementId,
    string ParticipantId,
    string InstrumentId,
    decimal Quantity,
    string Beneficiary,
    string Purpose,
    string RequestedBy,
    int? Batch = null
);

/// <summary>
/// Event (stream <c>retirement:{retirementId}</c>) and the retirement record: readable by anyone who has its id
/// (<c>GET /api/retirements/{id}</c>), and announced on the public feed.
/// </summary>
/// <param name="Vintage">The instrument's vintage year, when it has one.</param>
/// <param name="Serials">For credits and sinks, the serial blocks retired (each serial is one quantity step); null otherwise.</param>
public sealed record RetirementRecorded(
    Guid RetirementId,
    string InstrumentId,
    string InstrumentName,
    int? Vintage,
    string ParticipantId,
    Quantity Quantity,
    string Beneficiary,
    string Purpose,
    Instant RetiredAt,
    IReadOnlyList<SerialBlock>? Serials = null
);

/// <summary>Request: a retirement record by id.</summary>
public sealed record GetRetirement(Guid RetirementId);

/// <summary>Reply to <see cref="GetRetirement"/> when there is no such record.</summary>
public sealed record RetirementNotFound(Guid RetirementId);
