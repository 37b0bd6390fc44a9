using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's pledges of units as collateral, spot and forward (the accounts service). Version 1.
// Each request is answered RegistryCommandAccepted or RegistryCommandRejected (reason codes below) and, when
// accepted, recorded as an event of the stream pledge:{id}.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: pledge units to a named pledgee (a bank, for a loan); the units stay in the pledgor's account, frozen,
/// until the pledgee releases them or the pledge is enforced. A trader for the pledgor, or a regulator. Rejected:
/// PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, SAME_ACCOUNT, ACCOUNT_FROZEN, INVALID_QUANTITY, INSUFFICIENT_UNITS, and for a
/// named batch NOT_SERIALIZED or INSUFFICIENT_BATCH_UNITS.
/// </summary>
/// <param name="Reference">The loan or pledge contract reference.</param>
/// <param name="Batch">For credits and sinks, the issuance batch to pledge from; first in, first out when null.</param>
public sealed record PledgeUnits(
    Guid PledgeId,
    string PledgorId,
    string PledgeeId,
    string InstrumentId,
    decimal Quantity,
    string Reference,
    string RequestedBy,
    int? Batch = null
);

/// <summary>
/// Request: end a pledge. <paramref name="Enforce"/> false releases the units to the pledgor (the pledgee or a
/// regulator); true enforces it, transferring them to the pledgee (a regulator, on the pledgee's application). A
/// forward pledge ends with the units that arrived under it, and is enforced only after its loan's maturity.
/// Rejected: PLEDGE_UNKNOWN, NOT_PLEDGEE, PLEDGE_NOT_ACTIVE, PLEDGE_NOT_MATURE.
/// </summary>
public sealed record EndPledge(
    Guid PledgeId,
    bool Enforce,
    string Reason,
    string RequestedBy,
    bool RequestedByRegulator,
    string? RequesterParticipantId
);

/// <summary>Event (stream <c>pledge:{pledgeId}</c>): units pledged.</summary>
public sealed record PledgeRegistered(
    Guid PledgeId,
    string PledgorId,
    string PledgeeId,
    string InstrumentId,
    Quantity Quantity,
    string Reference,
    string RequestedBy,
    Instant RegisteredAt
);

/// <summary>
/// Event (stream <c>pledge:{pledgeId}</c>): the pledge ended; the units were released to the pledgor, enforced to the
/// pledgee, or (a forward pledge) bought back by the pledgor.
/// </summary>
/// <param name="Outcome">Released, Enforced or Repurchased.</param>
public sealed record PledgeEnded(Guid PledgeId, string Outcome, string Reason, string RequestedBy, Instant EndedAt);

/// <summary>Request: a pledge and where it stands.</summary>
public sealed record GetPledge(Guid PledgeId);

/// <summary>
/// Reply to <see cref="GetPledge"/>: a pledge of issued units (<paramref name="Registration"/>) or a forward pledge
/// (<paramref name="Forward"/>).
/// </summary>
/// <param name="Status">Active, Released, Enforced or Repurchased; Unknown when there is no such pledge.</param>
/// <param name="Forward">For a forward pledge, its terms.</param>
/// <param name="Arrived">For a forward pledge, the units issued to the project and pledged so far, in the instrument's unit.</param>
public sealed record PledgeView(
    Guid PledgeId,
    string Status,
    PledgeRegistered? Registration,
    PledgeEnded? Ending,
    ForwardPledgeRegistered? Forward = null,
    Quantity? Arrived = null
);

/// <summary>
/// Request: a forward pledge, of the units a project is still to be issued (the expected revenue right of future sinks,
/// documented-trades.md row 7: Shunchang state forest farm, 300,000 t of future sinks for a 20,000,000 CNY loan with a
/// forward repurchase agreement). Nothing is frozen when it is registered; every later issuance of
/// <paramref name="InstrumentId"/> to the pledgor that names <paramref name="Project"/> is pledged as it arrives
/// (<see cref="ForwardPledgeUnitsArrived"/>), up to <paramref name="ExpectedQuantity"/>. At maturity the pledgor buys the
/// right back (<see cref="RepurchasePledge"/>), or the pledgee applies for enforcement (<see cref="EndPledge"/>). A
/// trader for the pledgor, or a regulator. Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, SAME_ACCOUNT,
/// ACCOUNT_FROZEN, INVALID_QUANTITY, PROJECT_REQUIRED, INVALID_LOAN (amounts not positive or finer than 0.01 CNY, the
/// repurchase after maturity), PLEDGE_EXISTS (the id names another pledge).
/// </summary>
/// <param name="Project">The project whose issuances are pledged, exactly as its issuances name it.</param>
/// <param name="ExpectedQuantity">Units expected, in the instrument's unit; a multiple of its quantity step.</param>
/// <param name="Reference">The loan or pledge contract reference.</param>
public sealed record PledgeForward(
    Guid PledgeId,
    string PledgorId,
    string PledgeeId,
    string InstrumentId,
    string Project,
    decimal ExpectedQuantity,
    PledgeLoan Loan,
    string Reference,
    string RequestedBy
);

/// <summary>The loan a forward pledge secures and its repurchase agreement.</summary>
/// <param name="Amount">CNY lent.</param>
/// <param name="Maturity">The loan's last day (Asia/Shanghai); enforcement may be applied for only after it.</param>
/// <param name="RepurchasePrice">CNY the pledgor pays the pledgee to buy the pledged right back: the whole price, not per unit.</param>
/// <param name="RepurchaseDate">The day agreed for the repurchase, on or before <paramref name="Maturity"/>.</param>
public sealed record PledgeLoan(Money Amount, LocalDate Maturity, Money RepurchasePrice, LocalDate RepurchaseDate);

/// <summary>Event (stream <c>pledge:{pledgeId}</c>): a forward pledge registered; no units are frozen yet.</summary>
public sealed record ForwardPledgeRegistered(
    Guid PledgeId,
    string PledgorId,
    string PledgeeId,
    string InstrumentId,
    string Project,
    Quantity ExpectedQuantity,
    PledgeLoan Loan,
    string Reference,
    string RequestedBy,
    Instant RegisteredAt
);

/// <summary>
/// Event (stream <c>pledge:{pledgeId}</c>): units of issuance <paramref name="IssuanceId"/> arrived in the pledgor's
/// holding and were pledged under the forward pledge at once, in the same commit as the issuance.
/// </summary>
/// <param name="Serials">For credits and sinks, the serial blocks pledged; empty for other rights.</param>
public sealed record ForwardPledgeUnitsArrived(
    Guid PledgeId,
    Guid IssuanceId,
    Quantity Quantity,
    IReadOnlyList<SerialBlock> Serials,
    Instant ArrivedAt
);

/// <summary>
/// Request: the pledgor buys a forward pledge's right back at the agreed repurchase price: the price moves from the
/// pledgor's cash account to the pledgee's and the pledged units are free again, in one commit (delivery versus
/// payment). The pledgor's trader or a regulator. Rejected: PLEDGE_UNKNOWN, PLEDGE_NOT_FORWARD, PLEDGE_NOT_ACTIVE,
/// NOT_PLEDGOR, INSUFFICIENT_CASH.
/// </summary>
public sealed record RepurchasePledge(Guid PledgeId, string RequestedBy, bool RequestedByRegulator, string? RequesterParticipantId);
