using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's participants: registration, status, frozen accounts (the accounts service). Version 1.
// Commands are answered RegistryCommandAccepted or RegistryCommandRejected (RegistryAnswers.cs).
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>Request: register a participant with a holding account and a CNY cash account. Regulator only.</summary>
/// <param name="ParticipantId">Short stable identifier, e.g. <c>wanling-forest-farm</c>; letters, digits and dashes.</param>
/// <param name="Region">Home region, e.g. <c>CN-AH-Xuancheng</c>.</param>
/// <param name="Pending">True registers the participant Pending (it may not trade or transfer until a regulator activates it).</param>
public sealed record RegisterParticipant(
    string ParticipantId,
    string Name,
    ParticipantKind Kind,
    string Region,
    string RequestedBy,
    bool Pending = false
);

/// <summary>A participant's status: only an Active participant trades, transfers, pledges, retires or surrenders.</summary>
public static class ParticipantStatus
{
    public const string Pending = "Pending";
    public const string Active = "Active";
    public const string Suspended = "Suspended";
}

/// <summary>Request: set a participant's status (regulator). Rejected: PARTICIPANT_UNKNOWN, INVALID_STATUS, SAME_STATUS.</summary>
/// <param name="Status">Active or Suspended (Pending is only where a registration starts).</param>
public sealed record ChangeParticipantStatus(string ParticipantId, string Status, string Reason, string RequestedBy);

/// <summary>Event: a participant's status changed.</summary>
public sealed record ParticipantStatusChanged(string ParticipantId, string Status, string Reason, string ChangedBy, Instant ChangedAt);

/// <summary>
/// Request: freeze every holding and cash account of a participant (a judicial or regulatory order). Regulator only.
/// While frozen the participant's new orders are rejected at funding (ACCOUNT_FROZEN) and its trades fail to settle,
/// releasing what both sides reserved. Rejected: PARTICIPANT_UNKNOWN, ALREADY_FROZEN.
/// </summary>
/// <param name="Reason">Why, as the order names it (recorded).</param>
public sealed record FreezeAccount(string ParticipantId, string Reason, string RequestedBy);

/// <summary>Request: lift a freeze. Regulator only. Rejected: PARTICIPANT_UNKNOWN, NOT_FROZEN.</summary>
public sealed record UnfreezeAccount(string ParticipantId, string Reason, string RequestedBy);

/// <summary>Event: a participant's accounts were frozen.</summary>
public sealed record AccountFrozen(string ParticipantId, string Reason, string FrozenBy, Instant FrozenAt);

/// <summary>Event: a freeze was lifted.</summary>
public sealed record AccountUnfrozen(string ParticipantId, string Reason, string UnfrozenBy, Instant UnfrozenAt);

/// <summary>Event: a participant was registered.</summary>
/// <param name="Status">Active, or Pending when registered pending.</param>
public sealed record ParticipantRegistered(
    string ParticipantId,
    string Name,
    ParticipantKind Kind,
    string Region,
    Instant RegisteredAt,
    string Status = ParticipantStatus.Active
);
