using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's cancellation of units (the accounts service). Version 1.
// Commands are answered RegistryCommandAccepted or RegistryCommandRejected (RegistryAnswers.cs).
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: cancel units in a holding account (regulator), e.g. credits invalidated after issuance; they leave
/// circulation. Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, INVALID_QUANTITY, INSUFFICIENT_UNITS, and for a
/// named batch NOT_SERIALIZED or INSUFFICIENT_BATCH_UNITS.
/// </summary>
/// <param name="Batch">The issuance batch to cancel from (the usual case: one batch's credits are invalidated); first in, first out when
/// null.</param>
public sealed record CancelUnits(
    Guid CancellationId,
    string ParticipantId,
    string InstrumentId,
    decimal Quantity,
    string Reason,
    string RequestedBy,
    int? Batch = null
);

/// <summary>Event (stream <c>cancellation:{id}</c>): units cancelled.</summary>
public sealed record UnitsCancelled(
    Guid CancellationId,
    string ParticipantId,
    string InstrumentId,
    Quantity Quantity,
    string Reason,
    string RequestedBy,
    Instant CancelledAt
);
