using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's issuance of units and its reversal (the accounts service). Version 1.
// Commands are answered RegistryCommandAccepted or RegistryCommandRejected (RegistryAnswers.cs).
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>Request: issue (or allocate) units of an instrument into a participant's holding account. Regulator only.</summary>
/// <param name="IssuanceId">Caller-chosen id; a repeat with the same id issues nothing more.</param>
/// <param name="Quantity">Units in the instrument's unit; positive and a multiple of the quantity step.</param>
/// <param name="AllocationPeriod">
/// Set for an allocation of allowances to a compliance entity for that compliance period: the participant must be a
/// compliance entity and the instrument an allowance of that vintage (ALLOCATION_NOT_ELIGIBLE otherwise).
/// </param>
/// <param name="Project">
/// The project the credits or sinks come from (e.g. a CCER project number); an issuance of a serialized class
/// (credits and sinks, <c>Registry:SerializedClasses</c>) names it or <paramref name="IssuingBody"/> (PROJECT_REQUIRED).
/// Such an issuance is a batch: the registry assigns it the instrument's next serial range.
/// </param>
/// <param name="IssuingBody">The body that certified or issued the batch, e.g. a provincial forestry bureau.</param>
public sealed record IssueUnits(
    Guid IssuanceId,
    string InstrumentId,
    string ParticipantId,
    decimal Quantity,
    string RequestedBy,
    int? AllocationPeriod = null,
    string? Project = null,
    string? IssuingBody = null
);

/// <summary>Event: units were issued into a holding account.</summary>
/// <param name="AllocationPeriod">The compliance period, for an allocation of allowances.</param>
/// <param name="Serials">
/// For credits and sinks, the batch's serial range (one serial per quantity step, or per retail step for a right listed
/// for retail); null otherwise.
/// </param>
/// <param name="Project">The project the batch comes from, when named.</param>
/// <param name="IssuingBody">The certifying or issuing body, when named.</param>
public sealed record UnitsIssued(
    Guid IssuanceId,
    string InstrumentId,
    string ParticipantId,
    Quantity Quantity,
    Instant IssuedAt,
    int? AllocationPeriod = null,
    SerialBlock? Serials = null,
    string? Project = null,
    string? IssuingBody = null
);

/// <summary>
/// Request: reverse an erroneous issuance with a compensating withdrawal, never an edit; a regulator proposes it and a
/// second approves (four-eyes). Every issued unit must still be available in the account it was issued to (for credits
/// and sinks, the batch's very serials). Rejected: ISSUANCE_UNKNOWN, ALREADY_REVERSED, INSUFFICIENT_UNITS,
/// SERIALS_MOVED_ON (reverse the later transactions first).
/// </summary>
public sealed record ReverseIssuance(Guid ReversalId, Guid IssuanceId, string Reason, string RequestedBy);

/// <summary>
/// Event (stream <c>issuance:{issuanceId}</c>): an issuance was reversed. Its units left the holding and no longer
/// count as issued (conservation: issued = Σ UnitsIssued − Σ IssuanceReversed).
/// </summary>
public sealed record IssuanceReversed(
    Guid IssuanceId,
    Guid ReversalId,
    string InstrumentId,
    string ParticipantId,
    Quantity Quantity,
    string Reason,
    string RequestedBy,
    Instant ReversedAt
);
