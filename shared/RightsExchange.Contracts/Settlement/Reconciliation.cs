using NodaTime;

// Reconciliation of the settlement ledger with the registry. Version 1.
// Gateway -> settlement: RunReconciliation -> ReconciliationReport (also run by settlement at each day's close).
// Settlement -> accounts: GetSettlementPostings -> SettlementPostings; GetConservation (Registry.V1).
namespace RightsExchange.Contracts.Settlement.V1;

/// <summary>Request to settlement: reconcile the settlement ledger with the registry now, and record the report.</summary>
/// <param name="RequestedBy">Who asked (a regulator's subject), recorded with the report.</param>
public sealed record RunReconciliation(string RequestedBy);

/// <summary>Request to settlement: the latest <paramref name="Limit"/> recorded reconciliation reports, newest first.</summary>
public sealed record GetReconciliations(int Limit);

/// <summary>Reply to <see cref="GetReconciliations"/>.</summary>
public sealed record ReconciliationList(IReadOnlyList<ReconciliationReport> Reports);

/// <summary>
/// Request to accounts: the settlement outcomes the registry recorded and the movements settlements posted, read up
/// to one cut of the registry's log (the accounts audit chain's head, so the cut is gap-free), one page at a time.
/// The first request leaves <paramref name="Cut"/> null and <paramref name="After"/> 0; each next one passes the
/// first reply's cut and the last reply's <see cref="SettlementPostings.Next"/>, until that is null.
/// </summary>
/// <param name="Cut">The sequence to read up to: null for the chain's head now.</param>
/// <param name="After">Read the events with a sequence above this one.</param>
/// <param name="Limit">Events per page at most; 0 for the responder's default (20,000).</param>
public sealed record GetSettlementPostings(long? Cut = null, long After = 0, int Limit = 0);

/// <summary>Reply to <see cref="GetSettlementPostings"/>: one page of the cut.</summary>
/// <param name="Cut">The accounts log's sequence the cut ends at (its chain head; 0 before any event).</param>
/// <param name="CutHash">The chain link at <paramref name="Cut"/>, hex; null before any event.</param>
/// <param name="CutAt">When the event at <paramref name="Cut"/> was recorded.</param>
/// <param name="Outcomes">This page's outcomes, in log order.</param>
/// <param name="Legs">This page's movements, in log order.</param>
/// <param name="FeeAccountHeld">CNY held in the exchange's fee account at the cut, on the first page (0 on the
/// others).</param>
/// <param name="Next">The last sequence this page read when more of the cut remains (pass it as the next
/// request's <c>After</c>); null on the last page.</param>
public sealed record SettlementPostings(
    long Cut,
    string? CutHash,
    Instant CutAt,
    IReadOnlyList<SettlementOutcome> Outcomes,
    IReadOnlyList<PostingLeg> Legs,
    string FeeAccountId,
    decimal FeeAccountHeld,
    long? Next = null
);

/// <summary>The registry's side of one settlement.</summary>
/// <param name="Outcome"><see cref="Posted"/> or <see cref="Refused"/>.</param>
public sealed record SettlementOutcome(string SettlementId, string Outcome, Instant At)
{
    public const string Posted = "Posted";
    public const string Refused = "Refused";
}

/// <summary>One movement a settlement posted in the registry.</summary>
/// <param name="Kind">
/// UnitsDelivered (seller's holding, units), UnitsReceived (buyer's holding, units), CashPaid (buyer, consideration
/// plus its fee, CNY), CashReceived (seller, consideration less its fee, CNY), FeesCollected (fee account, both fees, CNY);
/// for a compensation settlement, CompensationPaid (payer, CNY) and CompensationReceived (payee, CNY), one each per payment.
/// </param>
/// <param name="AccountId">The participant whose holding or cash account moved (the fee account's id for fees).</param>
/// <param name="InstrumentId">The instrument for unit movements; null for cash.</param>
/// <param name="Amount">Units in the instrument's unit, or CNY.</param>
public sealed record PostingLeg(string SettlementId, string Kind, string AccountId, string? InstrumentId, decimal Amount);

/// <summary>
/// A reconciliation run: the settlement ledger against one cut of the registry. Balanced when there is no difference.
/// In-flight settlements (an outcome not yet recorded on both sides, younger than the configured grace) are counted,
/// not reported as differences.
/// </summary>
/// <param name="Trigger">"on-demand by {subject}" or "daily-close".</param>
/// <param name="RegistryCut">The registry log's cut as <c>accounts:sequence:hash</c> (the form rx-audit verify takes).</param>
/// <param name="FeesCollected">CNY of fees on settled trades, both sides.</param>
/// <param name="Compensation">The compensation settlements compared (payments of assessed years), null before any.</param>
public sealed record ReconciliationReport(
    Guid RunId,
    Instant RanAt,
    string Trigger,
    string RegistryCut,
    int Trades,
    int Settled,
    int Failed,
    int InFlight,
    IReadOnlyList<InstrumentSettlementSummary> Instruments,
    decimal FeesCollected,
    IReadOnlyList<ReconciliationDifference> Differences,
    bool Balanced,
    CompensationSettlementSummary? Compensation = null
);

/// <summary>Compensation settlements in a reconciliation: how many settled and failed, and the CNY the settled ones moved.</summary>
public sealed record CompensationSettlementSummary(int Settled, int Failed, decimal Paid);

/// <summary>Per instrument: trades settled and failed, units settled (instrument's unit), consideration and fees (CNY).</summary>
public sealed record InstrumentSettlementSummary(
    string InstrumentId,
    string Unit,
    int Settled,
    int Failed,
    decimal QuantitySettled,
    decimal Consideration,
    decimal Fees
);

/// <summary>One difference between the ledgers.</summary>
/// <param name="Kind">
/// NOT_FINAL (instructed longer ago than the grace, neither settled nor failed), POSTING_MISSING (settled here, nothing
/// posted in the registry), POSTING_MISMATCH (the posted movements differ from the instructions: a leg missing, extra,
/// repeated or of another amount), POSTED_BUT_FAILED, OUTCOME_MISMATCH (the two ledgers record different outcomes),
/// POSTING_WITHOUT_SETTLEMENT (movements for a trade or compensation settlement the settlement ledger does not know), FEE_ACCOUNT (the fee
/// account's balance is not the sum of collected fees), CONSERVATION (units issued ≠ held, or cash deposited ≠ held).
/// </param>
/// <param name="TradeId">The trade (or compensation settlement) concerned, when there is one.</param>
public sealed record ReconciliationDifference(string Kind, string? TradeId, string Detail);

/// <summary>Event (settlement): a reconciliation ran; its report, recorded in stream <c>reconciliation:{runId}</c>.</summary>
public sealed record ReconciliationCompleted(ReconciliationReport Report);
