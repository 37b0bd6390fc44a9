using NodaTime;

// Regional rules for pollutant and water rights. Version 1.
// A region-bound right (pollutant and water rights by default) moves only to participants whose home region lies in
// the right's city or basin; anyone else needs a regulator's cross-region approval for that instrument, requested
// through the API, with the request and every decision recorded in stream crossregion:{participantId}:{instrumentId}.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>The decisions a regulator can take on a cross-region approval.</summary>
public static class CrossRegionDecision
{
    public const string Approve = "Approve";
    public const string Refuse = "Refuse";

    /// <summary>Withdraws an approval; trades not yet settled then fail with REGION_NOT_ALLOWED.</summary>
    public const string Revoke = "Revoke";
}

/// <summary>
/// Request: ask to acquire an instrument outside one's region (a trader for its own participant, or a regulator).
/// Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, NOT_REGION_BOUND (the right moves freely), WITHIN_REGION (no
/// approval is needed), ALREADY_PENDING, ALREADY_APPROVED.
/// </summary>
public sealed record RequestCrossRegionApproval(string ParticipantId, string InstrumentId, string Reason, string RequestedBy);

/// <summary>
/// Request: decide a cross-region approval (<see cref="CrossRegionDecision"/>). Regulator only. Rejected:
/// NO_REQUEST, NOT_PENDING (approve or refuse what is pending), NOT_APPROVED (revoke what is approved), INVALID_DECISION.
/// </summary>
public sealed record DecideCrossRegionApproval(string ParticipantId, string InstrumentId, string Decision, string Reason, string DecidedBy);

/// <summary>Event: a cross-region approval was requested.</summary>
/// <param name="ParticipantRegion">The participant's home region, e.g. <c>CN-AH</c>.</param>
/// <param name="InstrumentRegion">The right's city or basin, e.g. <c>Dongjiang</c>.</param>
public sealed record CrossRegionApprovalRequested(
    string ParticipantId,
    string InstrumentId,
    string ParticipantRegion,
    string InstrumentRegion,
    string Reason,
    string RequestedBy,
    Instant RequestedAt
);

/// <summary>Event: a regulator decided on a cross-region approval.</summary>
/// <param name="Decision">Approve, Refuse or Revoke.</param>
public sealed record CrossRegionApprovalDecided(
    string ParticipantId,
    string InstrumentId,
    string Decision,
    string Reason,
    string DecidedBy,
    Instant DecidedAt
);

/// <summary>Request: where a participant's cross-region approval for an instrument stands.</summary>
public sealed record GetCrossRegionApproval(string ParticipantId, string InstrumentId);

/// <summary>Reply to <see cref="GetCrossRegionApproval"/>.</summary>
/// <param name="Status">None, Pending, Approved, Refused or Revoked.</param>
/// <param name="History">Every request and decision, oldest first.</param>
public sealed record CrossRegionApprovalView(
    string ParticipantId,
    string InstrumentId,
    string Status,
    IReadOnlyList<CrossRegionApprovalStep> History
);

/// <summary>One request or decision.</summary>
/// <param name="Step">Requested, Approve, Refuse or Revoke.</param>
public sealed record CrossRegionApprovalStep(string Step, string Reason, string By, Instant At);
