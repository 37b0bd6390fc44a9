using NodaTime;

// Four-eyes approval of sensitive registry actions. Version 1.
// Issuance, the enforcement of a pledge and the reversal of a transfer take effect only when a second regulator, not the one who proposed
// them,
// approves (EU Union Registry discipline, market-rules.md). Stream fourEyes:{actionId}.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>The actions that need a second regulator.</summary>
public static class RegistryActionKind
{
    public const string Issuance = "Issuance";
    public const string Allocation = "Allocation";
    public const string PledgeEnforcement = "PledgeEnforcement";
    public const string TransferReversal = "TransferReversal";
    public const string IssuanceReversal = "IssuanceReversal";
    public const string CompensationAgreement = "CompensationAgreement";
    public const string CompensationAmendment = "CompensationAmendment";

    /// <summary>Not a four-eyes action: a water transfer queued for corridor capacity (<see cref="GetWaterCorridors"/>).</summary>
    public const string CorridorQueue = "CorridorQueue";
}

/// <summary>
/// Reply: the request passed its checks and waits; nothing took effect yet. For a <see cref="RegistryActionKind"/> it
/// waits for a second regulator's approval of action <paramref name="ActionId"/>; for <see cref="RegistryActionKind.CorridorQueue"/>
/// it is an off-exchange water transfer (id <paramref name="ActionId"/>) waiting for corridor capacity.
/// </summary>
public sealed record RegistryCommandPending(Guid ActionId, string Kind, string Summary);

/// <summary>Event (stream <c>fourEyes:{actionId}</c>): a regulator proposed a sensitive action.</summary>
/// <param name="Issuance">The issuance to make, for <see cref="RegistryActionKind.Issuance"/>.</param>
/// <param name="Enforcement">The pledge enforcement to make, for <see cref="RegistryActionKind.PledgeEnforcement"/>.</param>
/// <param name="Reversal">The transfer reversal to make, for <see cref="RegistryActionKind.TransferReversal"/>.</param>
/// <param name="IssuanceReversal">The issuance reversal to make, for <see cref="RegistryActionKind.IssuanceReversal"/>.</param>
/// <param name="Agreement">The compensation agreement to conclude, for <see cref="RegistryActionKind.CompensationAgreement"/>.</param>
/// <param name="Amendment">The amendment or renewal to make, for <see cref="RegistryActionKind.CompensationAmendment"/>.</param>
public sealed record RegistryActionProposed(
    Guid ActionId,
    string Kind,
    string Summary,
    IssueUnits? Issuance,
    EndPledge? Enforcement,
    string ProposedBy,
    Instant ProposedAt,
    ReverseTransfer? Reversal = null,
    ReverseIssuance? IssuanceReversal = null,
    Compensation.V1.ProposeCompensationAgreement? Agreement = null,
    Compensation.V1.AmendCompensationAgreement? Amendment = null
);

/// <summary>Event: a second regulator approved (the action took effect in the same commit) or rejected the proposal.</summary>
public sealed record RegistryActionDecided(Guid ActionId, bool Approved, string Reason, string DecidedBy, Instant DecidedAt);

/// <summary>
/// Request: approve or reject a proposed action (regulator). Rejected: ACTION_UNKNOWN, NOT_PENDING, SAME_REGULATOR
/// (the proposer cannot decide), or the action's own reason when it no longer passes its checks (it stays pending).
/// </summary>
public sealed record DecideRegistryAction(Guid ActionId, bool Approve, string Reason, string DecidedBy);

/// <summary>Request: proposed actions, newest first.</summary>
public sealed record GetRegistryActions(bool PendingOnly);

/// <summary>Reply to <see cref="GetRegistryActions"/>.</summary>
public sealed record RegistryActionList(IReadOnlyList<RegistryActionView> Actions);

/// <summary>One proposal and where it stands.</summary>
/// <param name="Status">Pending, Approved or Rejected.</param>
public sealed record RegistryActionView(
    Guid ActionId,
    string Kind,
    string Summary,
    string Status,
    string ProposedBy,
    Instant ProposedAt,
    string? DecidedBy,
    string? Reason,
    Instant? DecidedAt
);
