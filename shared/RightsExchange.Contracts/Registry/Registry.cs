using NodaTime;
using RightsExchange.Contracts.Values;

// Messages of the registry (the accounts service). Version 1.
// Commands are sent by the gateway as requests and answered with RegistryCommandAccepted or RegistryCommandRejected;
// the events are published from the accounts event store once committed.
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

/// <summary>
/// Request: list an instrument (one right, one vintage or validity period, one region). Regulator only.
/// </summary>
/// <param name="InstrumentId">e.g. <c>CEA-2024</c>.</param>
/// <param name="Unit">Unit symbol, e.g. <c>tCO2e</c>, <c>t/yr</c>, <c>m3/yr</c>.</param>
/// <param name="QuantityStep">Smallest tradable increment in <paramref name="Unit"/> (1 t for CEA, 0.1 t for sinks, 0.001 t for
/// pollutants).</param>
/// <param name="Vintage">Compliance year or vintage, when the right has one.</param>
/// <param name="ValidFrom">First day of validity (Asia/Shanghai calendar date), when the right has a validity period.</param>
/// <param name="ValidTo">Last day of validity, inclusive.</param>
/// <param name="Region">Region or river basin the right is bound to, e.g. <c>CN</c>, <c>CN-YRD</c>, <c>Dongjiang</c>.</param>
/// <param name="TradingProfile">Name of the matching service's trading-rules profile (tick, limits, sizes) that applies.</param>
/// <param name="ReferencePrice">Reference price (CNY per unit) the daily price limits are computed from; null for none.</param>
/// <param name="SellableSameDay">
/// False where units bought on a trading day may not be sold until the next (the national carbon market's rule for
/// allowances); accounts then leaves them out of what a sell order can reserve.
/// </param>
/// <param name="ComplianceShare">
/// Whether the right may be surrendered for compliance, and up to what share of an entity's verified emissions: null
/// for not at all, 1 for allowances, 0.05 for CCER on the national market (market-rules.md, "Offsets").
/// </param>
/// <param name="Pollutant">The pollutant of a pollutant-discharge right: required for that class, absent for the others.</param>
/// <param name="WaterSource">Surface or ground water, for a water-use right: required for that class, absent for the others.</param>
/// <param name="Biodiversity">What a biodiversity credit is of and where it was generated: required for that class,
/// absent for the others.</param>
/// <param name="Retail">
/// Sold to the public from retail offers as well, in the retail quantity step of <c>Retail:QuantityStep</c> (0.001 by
/// default); the listing records that step, and a serialized right then carries one serial per retail step.
/// </param>
public sealed record ListInstrument(
    string InstrumentId,
    string Name,
    InstrumentClass Class,
    string Unit,
    decimal QuantityStep,
    int? Vintage,
    LocalDate? ValidFrom,
    LocalDate? ValidTo,
    string Region,
    string TradingProfile,
    decimal? ReferencePrice,
    string RequestedBy,
    bool SellableSameDay = true,
    decimal? ComplianceShare = null,
    Pollutant? Pollutant = null,
    WaterSource? WaterSource = null,
    Biodiversity.V1.BiodiversityCreditType? Biodiversity = null,
    bool Retail = false
);

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

/// <summary>Request: credit CNY to a participant's cash account (a bank deposit, recorded by the exchange). Regulator only.</summary>
/// <param name="DepositId">Caller-chosen id; a repeat with the same id credits nothing more.</param>
/// <param name="Amount">CNY, positive, at most two decimals.</param>
public sealed record DepositCash(Guid DepositId, string ParticipantId, decimal Amount, string RequestedBy);

/// <summary>Reply: the registry command was checked and committed.</summary>
public sealed record RegistryCommandAccepted(string Subject);

/// <summary>Reply: the registry command was refused and changed nothing.</summary>
/// <param name="Reason">A stable code, e.g. <c>PARTICIPANT_UNKNOWN</c>.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record RegistryCommandRejected(string Reason, string Detail);

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

/// <summary>Event: an instrument was listed; matching opens a book for it. The fields are those of <see cref="ListInstrument"/>.</summary>
/// <param name="RetailStep">
/// For a right sold to the public too, the retail quantity step it was listed with (a divisor of
/// <paramref name="QuantityStep"/>, in its unit); a serialized right then carries one serial per retail step. Null otherwise.
/// </param>
public sealed record InstrumentListed(
    string InstrumentId,
    string Name,
    InstrumentClass Class,
    string Unit,
    decimal QuantityStep,
    int? Vintage,
    LocalDate? ValidFrom,
    LocalDate? ValidTo,
    string Region,
    string TradingProfile,
    decimal? ReferencePrice,
    Instant ListedAt,
    bool SellableSameDay = true,
    decimal? ComplianceShare = null,
    Pollutant? Pollutant = null,
    WaterSource? WaterSource = null,
    Biodiversity.V1.BiodiversityCreditType? Biodiversity = null,
    decimal? RetailStep = null
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

/// <summary>Event: CNY was credited to a cash account.</summary>
public sealed record CashDeposited(Guid DepositId, string ParticipantId, Money Amount, Instant DepositedAt);

/// <summary>Request: an account's holdings and cash, now or as of an instant.</summary>
/// <param name="AsOf">Null for now; otherwise the balances are the fold of the events recorded up to this instant.</param>
public sealed record GetAccount(string ParticipantId, Instant? AsOf);

/// <summary>Reply to <see cref="GetAccount"/>.</summary>
public sealed record AccountStatement(string ParticipantId, string Name, Instant AsOf, IReadOnlyList<HoldingLine> Holdings, CashLine Cash);

/// <summary>One position: units free to sell or transfer, and units held back for open sell orders.</summary>
/// <param name="Pledged">Units frozen for a pledgee; still held.</param>
/// <param name="Retired">Units this account has retired, for good (not held).</param>
/// <param name="Surrendered">Units this account has surrendered for compliance (not held).</param>
/// <param name="Cancelled">Units a regulator cancelled in this account (not held).</param>
/// <param name="Expired">Units that expired at the end of the right's validity (not held).</param>
/// <param name="Serials">Credits and sinks: the serial blocks of the available and reserved units, oldest first (the order they leave
/// in).</param>
/// <param name="PledgedSerials">Credits and sinks: the serial blocks of the pledged units.</param>
public sealed record HoldingLine(
    string InstrumentId,
    string Unit,
    decimal Available,
    decimal Reserved,
    decimal Pledged = 0m,
    decimal Retired = 0m,
    decimal Surrendered = 0m,
    decimal Cancelled = 0m,
    decimal Expired = 0m,
    IReadOnlyList<SerialBlock>? Serials = null,
    IReadOnlyList<SerialBlock>? PledgedSerials = null
);

/// <summary>CNY free to use, and CNY held back for open buy orders (consideration plus fee).</summary>
public sealed record CashLine(decimal Available, decimal Reserved);

/// <summary>Reply: no such participant.</summary>
public sealed record AccountNotFound(string ParticipantId);

/// <summary>Request: the registry's conservation check.</summary>
public sealed record GetConservation;

/// <summary>
/// Reply to <see cref="GetConservation"/>: per instrument, units issued against units held and gone out of circulation;
/// for cash, CNY deposited against CNY held. Balanced when every difference is zero.
/// </summary>
public sealed record ConservationReport(IReadOnlyList<InstrumentConservation> Instruments, CashConservation Cash, bool Balanced);

/// <param name="Issued">Units issued, less those withdrawn by issuance reversals.</param>
/// <param name="Held">Available, reserved and pledged, over every holding account.</param>
/// <param name="Difference">Held + retired + surrendered + cancelled + expired − issued: zero when conserved.</param>
/// <param name="Retired">Units retired for good.</param>
/// <param name="Surrendered">Units surrendered for compliance.</param>
/// <param name="Cancelled">Units cancelled by a regulator.</param>
/// <param name="Expired">Units expired at the end of their right's validity.</param>
public sealed record InstrumentConservation(
    string InstrumentId,
    string Unit,
    decimal Issued,
    decimal Held,
    decimal Difference,
    decimal Retired = 0m,
    decimal Surrendered = 0m,
    decimal Cancelled = 0m,
    decimal Expired = 0m
);

/// <summary>
/// Request: expire what is left of a right whose validity has ended (regulator; accounts also does it itself every
/// day just after midnight, Asia/Shanghai). Available units expire; reserved ones expire once their orders close,
/// at the next run; pledged ones stay with their pledge. Rejected: INSTRUMENT_UNKNOWN, NOT_EXPIRED.
/// </summary>
public sealed record ExpireRights(string InstrumentId, string RequestedBy);

/// <summary>Event (stream <c>expiry:{instrumentId}</c>): a holding's available units of a right expired.</summary>
public sealed record RightsExpired(string InstrumentId, string ParticipantId, Quantity Quantity, LocalDate ValidTo, Instant ExpiredAt);

public sealed record CashConservation(decimal Deposited, decimal Held, decimal Difference);

/// <summary>
/// Request (regulator, through the gateway): positions as of <paramref name="AsOf"/> (now if null), folded from the
/// registry's events committed up to that instant and chained by the time of the query (the cut), for one participant,
/// one instrument or both.
/// </summary>
public sealed record GetPositions(string? ParticipantId, string? InstrumentId, Instant? AsOf);

/// <summary>Reply to <see cref="GetPositions"/>. Quantities in each line's unit; lines with nothing held are left out.</summary>
/// <param name="CutSequence">The accounts log's chain head the positions were folded up to.</param>
/// <param name="CutHash">The chain hash there, lowercase hex; null while the chain is empty.</param>
public sealed record PositionReport(Instant AsOf, long CutSequence, string? CutHash, IReadOnlyList<PositionLine> Positions);

/// <summary>One holding account's position in one instrument.</summary>
public sealed record PositionLine(
    string ParticipantId,
    string InstrumentId,
    string Unit,
    decimal Available,
    decimal Reserved,
    decimal Pledged = 0m
);
