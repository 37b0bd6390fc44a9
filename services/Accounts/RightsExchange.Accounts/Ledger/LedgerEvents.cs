using NodaTime;
using RightsExchange.Contracts.Registry.V1;

// The registry's own ledger events (contract events such as UnitsIssued and CashDeposited are stored as they are).
// Reservations are two-phase: reserved, then consumed by a settlement or released.
namespace RightsExchange.Accounts.Ledger;

/// <summary>Units moved from available to reserved for a sell order.</summary>
public sealed record UnitsReserved(Guid OrderId, decimal Quantity, Instant At);

/// <summary>Reserved units returned to available (order cancelled, rejected or filled below its quantity).</summary>
public sealed record UnitsReleased(Guid OrderId, decimal Quantity, Instant At);

/// <summary>Reserved units delivered to the buyer in a settlement, at <paramref name="Price"/> CNY per unit.</summary>
public sealed record UnitsDelivered(string SettlementId, Guid OrderId, decimal Quantity, decimal Price, string BuyerId, Instant At);

/// <summary>Units received from the seller in a settlement, at <paramref name="Price"/> CNY per unit, now available.</summary>
public sealed record UnitsReceived(string SettlementId, decimal Quantity, decimal Price, string SellerId, Instant At);

/// <summary>CNY moved from available to reserved for a buy order (consideration at the limit price plus the fee).</summary>
public sealed record CashReserved(Guid OrderId, decimal Amount, Instant At);

/// <summary>Reserved CNY returned to available.</summary>
public sealed record CashReleased(Guid OrderId, decimal Amount, Instant At);

/// <summary>
/// The buyer paid consideration plus its fee: <paramref name="FromReserved"/> out of the order's reservation and
/// <paramref name="FromAvailable"/> out of free cash (only rounding can make the latter non-zero).
/// </summary>
public sealed record ConsiderationPaid(
    string SettlementId,
    Guid OrderId,
    decimal Consideration,
    decimal Fee,
    decimal FromReserved,
    decimal FromAvailable,
    string SellerId,
    Instant At
);

/// <summary>The seller received consideration and paid its fee out of it.</summary>
public sealed record ConsiderationReceived(string SettlementId, decimal Consideration, decimal Fee, string BuyerId, Instant At);

/// <summary>The exchange's fee account collected both sides' fees of a settlement.</summary>
public sealed record FeesCollected(string SettlementId, decimal BuyerFee, decimal SellerFee, Instant At);

/// <summary>Part of an order settled: <paramref name="Consumed"/> CNY (buy) or units (sell) of its reservation were used.</summary>
public sealed record FillSettled(string SettlementId, decimal Quantity, decimal Consumed, Instant At);

/// <summary>Part of an order will never settle (cancelled, rejected by matching, or its settlement failed).</summary>
/// <param name="Reason">CANCELLED, REJECTED, SETTLEMENT_FAILED, AMENDED (quantity reduced), or matching's cancel reason (EXPIRED,
/// IMMEDIATE_OR_CANCEL, ...).</param>
public sealed record OrderQuantityClosed(decimal Quantity, string Reason, Instant At);

/// <summary>What was left of the order's reservation went back to available; the order is done.</summary>
public sealed record ReservationReleased(decimal Amount, Instant At);

/// <summary>An amendment raised the order's total quantity by <paramref name="Quantity"/> (matching confirmed it).</summary>
public sealed record OrderQuantityIncreased(decimal Quantity, Instant At);

/// <summary>Units sent off the exchange to <paramref name="ToParticipantId"/> (the transfer's record is <c>transfer:{id}</c>).</summary>
public sealed record UnitsTransferredOut(Guid TransferId, decimal Quantity, decimal? Price, string ToParticipantId, Instant At);

/// <summary>Units received off the exchange from <paramref name="FromParticipantId"/>, now available.</summary>
public sealed record UnitsTransferredIn(Guid TransferId, decimal Quantity, decimal? Price, string FromParticipantId, Instant At);

/// <summary>Available units retired for good (the record is <c>retirement:{id}</c>).</summary>
public sealed record UnitsRetired(Guid RetirementId, decimal Quantity, Instant At);

/// <summary>Available units pledged to <paramref name="PledgeeId"/>: still held, frozen.</summary>
public sealed record UnitsPledged(Guid PledgeId, decimal Quantity, string PledgeeId, Instant At);

/// <summary>Pledged units returned to available: the pledge was released.</summary>
public sealed record PledgedUnitsReleased(Guid PledgeId, decimal Quantity, Instant At);

/// <summary>Pledged units taken by the pledgee: the pledge was enforced.</summary>
public sealed record PledgedUnitsEnforced(Guid PledgeId, decimal Quantity, string PledgeeId, Instant At);

/// <summary>Units received by a pledgee on enforcement, now available.</summary>
public sealed record UnitsReceivedOnEnforcement(Guid PledgeId, decimal Quantity, string PledgorId, Instant At);

/// <summary>
/// The pledgor paid <paramref name="Amount"/> CNY out of available cash to buy forward pledge
/// <paramref name="PledgeId"/> back.
/// </summary>
public sealed record RepurchasePaid(Guid PledgeId, decimal Amount, string PledgeeId, Instant At);

/// <summary>
/// The pledgee received <paramref name="Amount"/> CNY, available, for the repurchase of forward pledge
/// <paramref name="PledgeId"/>.
/// </summary>
public sealed record RepurchaseReceived(Guid PledgeId, decimal Amount, string PledgorId, Instant At);

/// <summary>
/// The developer paid <paramref name="Amount"/> CNY out of available cash into the Biodiversity Conservation Fund (the
/// consent records why).
/// </summary>
public sealed record ConservationFundPaymentMade(Guid PaymentId, decimal Amount, string FundAccountId, Instant At);

/// <summary>The Biodiversity Conservation Fund received <paramref name="Amount"/> CNY, available, from a developer.</summary>
public sealed record ConservationFundPaymentReceived(Guid PaymentId, decimal Amount, string PayerId, Instant At);

/// <summary>
/// CNY moved out of available cash under stewardship agreement <paramref name="AgreementId"/>: a land holder's deposit,
/// or the fund's yearly payment. <paramref name="Purpose"/>: <c>deposit {paymentId}</c> or <c>yearly payment {year}</c>.
/// </summary>
public sealed record StewardshipCashPaid(Guid AgreementId, string Purpose, decimal Amount, string ToParticipantId, Instant At);

/// <summary>CNY received, available, under stewardship agreement <paramref name="AgreementId"/>, for <paramref name="Purpose"/> as
/// paid.</summary>
public sealed record StewardshipCashReceived(Guid AgreementId, string Purpose, decimal Amount, string FromParticipantId, Instant At);

/// <summary>Available units surrendered for compliance period <paramref name="Period"/> (the record is
/// <c>compliance:{participant}:{period}</c>).</summary>
public sealed record UnitsSurrenderedFromHolding(Guid SurrenderId, decimal Quantity, int Period, Instant At);

/// <summary>Available units cancelled by a regulator (the record is <c>cancellation:{id}</c>).</summary>
public sealed record UnitsCancelledFromHolding(Guid CancellationId, decimal Quantity, Instant At);

/// <summary>Available units expired at the end of the right's validity (the record is <c>expiry:{instrument}</c>).</summary>
public sealed record UnitsExpiredFromHolding(decimal Quantity, Instant At);

/// <summary>Available units withdrawn because their issuance was reversed (the record is <c>issuance:{id}</c>); they no longer count as
/// issued.</summary>
public sealed record UnitsWithdrawnOnReversal(Guid IssuanceId, decimal Quantity, Instant At);

/// <summary>
/// Credits and sinks: the serial blocks that left this holding with the movement recorded beside it (in the same
/// commit): from its free serials, or, with <paramref name="PledgeId"/>, every serial pledged under that pledge.
/// </summary>
public sealed record SerialsDebited(IReadOnlyList<SerialBlock> Blocks, Guid? PledgeId, Instant At);

/// <summary>Credits and sinks: serial blocks that arrived in this holding, free, or pledged under <paramref name="PledgeId"/>.</summary>
public sealed record SerialsCredited(IReadOnlyList<SerialBlock> Blocks, Guid? PledgeId, Instant At);

/// <summary>Stream <c>instrument:{id}</c>: the registry assigned an issuance batch its serial range.</summary>
public sealed record SerialsAssigned(Guid IssuanceId, SerialBlock Serials, Instant At);

/// <summary>Stream <c>serials:{instrument}:{batch}</c>, first event: the batch as issued.</summary>
public sealed record SerialBatchIssued(
    Guid IssuanceId,
    string InstrumentId,
    SerialBlock Serials,
    string ParticipantId,
    string? Project,
    string? IssuingBody,
    Instant At
);

/// <summary>
/// Stream <c>serials:{instrument}:{batch}</c>: serial blocks of the batch moved. <paramref name="Kind"/> and
/// <paramref name="Reference"/> as in <see cref="LineageStep"/>; <paramref name="To"/> is null when they left circulation.
/// </summary>
public sealed record SerialsMoved(string Kind, IReadOnlyList<SerialBlock> Blocks, string From, string? To, string Reference, Instant At);
