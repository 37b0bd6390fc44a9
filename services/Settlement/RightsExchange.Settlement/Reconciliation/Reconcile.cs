using NodaTime;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Settlement.Compensation;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.Settlement.Reconciliation;

/// <summary>
/// The comparison at the heart of a reconciliation run, pure: the settlement ledger against one cut of the registry.
/// Every trade must be settled or failed; a settled trade's movements must be posted exactly once, as instructed
/// (units seller → buyer, consideration plus fee from the buyer, consideration less fee to the seller, both fees to
/// the fee account); a failed trade must have moved nothing; the fee account must hold exactly the fees collected;
/// units and cash must be conserved. A settlement whose outcome is younger than <c>grace</c> on either side is
/// in flight (its messages are still on their way), and counted instead of reported.
/// </summary>
public static class Reconcile
{
    /// <summary>
    /// Compares; the report's differences are in trade order, then compensation settlements in the order instructed, then
    /// the fee account, then conservation. <paramref name="compensations"/> are compared like trades, against the
    /// payments they instruct (no fee).
    /// </summary>
    public static ReconciliationReport Compare(
        Guid runId,
        Instant now,
        string trigger,
        IReadOnlyList<TradeSettlement> settlements,
        SettlementPostings registry,
        ConservationReport conservation,
        Duration grace,
        IReadOnlyList<CompensationSettlement>? compensations = null
    )
    {
        var differences = new List<ReconciliationDifference>();
        var outcomes = registry.Outcomes.GroupBy(o => o.SettlementId).ToDictionary(g => g.Key, g => g.ToList());
        var legs = registry.Legs.GroupBy(l => l.SettlementId).ToDictionary(g => g.Key, g => g.ToList());
        var inFlight = 0;
        var expectedFees = 0m;
        var subjects = new List<Subject>();
        foreach (var s in settlements.OrderBy(s => s.ExecutedAt).ThenBy(s => s.Instructions.SettlementId, StringComparer.Ordinal))
        {
            var id = s.Instructions.SettlementId;
            if (s.Status == TradeSettlement.Scheduled && !outcomes.ContainsKey(id) && !legs.ContainsKey(id))
            {
                // End-of-day net: waiting for its cycle is normal until the cut-off.
                if (s.CutOff is { } cutOff && now - cutOff <= grace)
                    inFlight++;
                else
                    differences.Add(
                        new(KindOf.NotFinal, id, $"Scheduled for the net cycle with cut-off {s.CutOff}; no cycle instructed it.")
                    );
                continue;
            }
            if (outcomes.GetValueOrDefault(id) is [{ Outcome: SettlementOutcome.Posted }])
                expectedFees += s.Instructions.BuyerFee.Amount + s.Instructions.SellerFee.Amount;
            subjects.Add(
                new Subject(
                    id,
                    s.Status,
                    s.SettledAt ?? s.FailedAt ?? s.ExecutedAt,
                    s.Instructions.InstructedAt,
                    s.FailureReason,
                    ExpectedLegs(s.Instructions, registry.FeeAccountId)
                )
            );
        }
        var compensated = (compensations ?? [])
            .OrderBy(c => c.Instructions.InstructedAt)
            .ThenBy(c => c.Instructions.SettlementId, StringComparer.Ordinal)
            .ToList();
        subjects.AddRange(
            compensated.Select(c => new Subject(
                c.Instructions.SettlementId,
                c.Status,
                c.FinalAt ?? c.Instructions.InstructedAt,
                c.Instructions.InstructedAt,
                c.FailureReason,
                ExpectedLegs(c.Instructions)
            ))
        );
        foreach (var subject in subjects)
        {
            if (
                Check(
                    subject,
                    outcomes.GetValueOrDefault(subject.Id) ?? [],
                    legs.GetValueOrDefault(subject.Id) ?? [],
                    registry,
                    now,
                    grace
                ) is
                { } difference
            )
                differences.Add(difference);
            else if (IsInFlight(subject, outcomes.GetValueOrDefault(subject.Id), registry, now, grace))
                inFlight++;
        }

        var known = subjects.Select(s => s.Id).Concat(settlements.Select(s => s.Instructions.SettlementId)).ToHashSet();
        foreach (var id in legs.Keys.Concat(outcomes.Keys).Distinct().Where(id => !known.Contains(id)).Order(StringComparer.Ordinal))
            differences.Add(
                new(
                    KindOf.PostingWithoutSettlement,
                    id,
                    $"The registry has {legs.GetValueOrDefault(id)?.Count ?? 0} movements and "
                        + $"{outcomes.GetValueOrDefault(id)?.Count ?? 0} outcomes for a trade the settlement ledger does not know."
                )
            );

        if (registry.FeeAccountHeld != expectedFees)
            differences.Add(
                new(
                    KindOf.FeeAccount,
                    null,
                    $"Fee account '{registry.FeeAccountId}' holds {registry.FeeAccountHeld:0.00} CNY; "
                        + $"the posted settlements collected {expectedFees:0.00} CNY."
                )
            );
        foreach (var line in conservation.Instruments.Where(l => l.Difference != 0))
            differences.Add(new(KindOf.Conservation, null, $"{line.InstrumentId}: {line.Issued} {line.Unit} issued, {line.Held} held."));
        if (conservation.Cash.Difference != 0)
            differences.Add(
                new(
                    KindOf.Conservation,
                    null,
                    $"Cash: {conservation.Cash.Deposited:0.00} CNY deposited, {conservation.Cash.Held:0.00} held."
                )
            );

        var instruments = settlements
            .GroupBy(s => s.InstrumentId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var settled = g.Where(s => s.Status == TradeSettlement.Settled).ToList();
                return new InstrumentSettlementSummary(
                    g.Key,
                    g.First().Instructions.Unit,
                    settled.Count,
                    g.Count(s => s.Status == TradeSettlement.Failed),
                    settled.Sum(s => s.Instructions.Quantity),
                    settled.Sum(s => s.Instructions.Consideration.Amount),
                    settled.Sum(s => s.Instructions.BuyerFee.Amount + s.Instructions.SellerFee.Amount)
                );
            })
            .ToList();
        var settledCompensation = compensated.Where(c => c.Status == TradeSettlement.Settled).ToList();
        var compensation =
            compensated.Count == 0
                ? null
                : new CompensationSettlementSummary(
                    settledCompensation.Count,
                    compensated.Count(c => c.Status == TradeSettlement.Failed),
                    settledCompensation.Sum(c => c.Amount)
                );
        return new ReconciliationReport(
            runId,
            now,
            trigger,
            Cut(registry),
            settlements.Count,
            instruments.Sum(i => i.Settled),
            instruments.Sum(i => i.Failed),
            inFlight,
            instruments,
            instruments.Sum(i => i.Fees),
            differences,
            differences.Count == 0,
            compensation
        );
    }

    /// <summary>A settlement as compared: its final or instructed time, and the movements it instructs.</summary>
    private sealed record Subject(
        string Id,
        string Status,
        Instant FinalAt,
        Instant InstructedAt,
        string? FailureReason,
        IReadOnlyList<PostingLeg> Expected
    );

    /// <summary>The difference between one settlement and what the registry recorded for it, or null.</summary>
    private static ReconciliationDifference? Check(
        Subject s,
        IReadOnlyList<SettlementOutcome> recorded,
        IReadOnlyList<PostingLeg> posted,
        SettlementPostings registry,
        Instant now,
        Duration grace
    )
    {
        if (recorded.Count > 1)
            return new(
                KindOf.OutcomeMismatch,
                s.Id,
                $"The registry recorded {recorded.Count} outcomes: {string.Join(", ", recorded.Select(o => o.Outcome))}."
            );
        var outcome = recorded.SingleOrDefault();
        if (outcome is { Outcome: SettlementOutcome.Posted })
        {
            if (Mismatch(s.Expected, posted) is { } detail)
                return new(KindOf.PostingMismatch, s.Id, detail);
        }
        else if (posted.Count > 0)
        {
            return outcome is null
                ? new(KindOf.PostingMismatch, s.Id, $"{posted.Count} movements posted with no outcome recorded.")
                : new(KindOf.PostedButFailed, s.Id, $"The registry refused the settlement yet posted {posted.Count} movements.");
        }
        return (s.Status, outcome?.Outcome) switch
        {
            (TradeSettlement.Settled, SettlementOutcome.Posted) => null,
            (TradeSettlement.Failed, SettlementOutcome.Refused) => null,
            // Final here, but the registry's cut may predate the outcome.
            (TradeSettlement.Settled or TradeSettlement.Failed, null) when s.FinalAt > registry.CutAt - grace => null,
            (TradeSettlement.Settled, null) => new(
                KindOf.PostingMissing,
                s.Id,
                $"Settled at {s.FinalAt}; the registry has no posting up to {Cut(registry)}."
            ),
            (TradeSettlement.Failed, null) => new(
                KindOf.OutcomeMismatch,
                s.Id,
                $"Failed at {s.FinalAt} ({s.FailureReason}); the registry recorded no refusal up to {Cut(registry)}."
            ),
            (TradeSettlement.Instructed, null) when now - s.InstructedAt <= grace => null,
            (TradeSettlement.Instructed, null) => new(
                KindOf.NotFinal,
                s.Id,
                $"Instructed at {s.InstructedAt} and neither settled nor failed."
            ),
            (TradeSettlement.Instructed, not null) when now - outcome!.At <= grace => null,
            (TradeSettlement.Instructed, var registryOutcome) => new(
                KindOf.NotFinal,
                s.Id,
                $"The registry recorded {registryOutcome} at {outcome.At}; the settlement ledger still says Instructed."
            ),
            _ => new(KindOf.OutcomeMismatch, s.Id, $"{s.Status} here; the registry recorded {outcome?.Outcome ?? "nothing"}."),
        };
    }

    /// <summary>True for a settlement <see cref="Check"/> found no difference in only because its outcome is on its way.</summary>
    private static bool IsInFlight(
        Subject s,
        IReadOnlyList<SettlementOutcome>? recorded,
        SettlementPostings registry,
        Instant now,
        Duration grace
    ) =>
        (s.Status, recorded?.SingleOrDefault()) switch
        {
            (TradeSettlement.Settled or TradeSettlement.Failed, null) => s.FinalAt > registry.CutAt - grace,
            (TradeSettlement.Instructed, null) => now - s.InstructedAt <= grace,
            (TradeSettlement.Instructed, { } outcome) => now - outcome.At <= grace,
            _ => false,
        };

    /// <summary>The movements a compensation settlement instructs, as the registry reports them: each payment out and in.</summary>
    public static IReadOnlyList<PostingLeg> ExpectedLegs(CompensationSettlementInstructed i) =>
        [
            .. i.Payments.SelectMany(p =>
                new PostingLeg[]
                {
                    new(i.SettlementId, "CompensationPaid", p.PayerId, null, p.Amount),
                    new(i.SettlementId, "CompensationReceived", p.PayeeId, null, p.Amount),
                }
            ),
        ];

    /// <summary>The movements <paramref name="i"/> instructs, as the registry reports them.</summary>
    public static IReadOnlyList<PostingLeg> ExpectedLegs(SettlementInstructed i, string feeAccountId) =>
        [
            new(i.SettlementId, "UnitsDelivered", i.SellerId, i.InstrumentId, i.Quantity),
            new(i.SettlementId, "UnitsReceived", i.BuyerId, i.InstrumentId, i.Quantity),
            new(i.SettlementId, "CashPaid", i.BuyerId, null, i.Consideration.Amount + i.BuyerFee.Amount),
            new(i.SettlementId, "CashReceived", i.SellerId, null, i.Consideration.Amount - i.SellerFee.Amount),
            new(i.SettlementId, "FeesCollected", feeAccountId, null, i.BuyerFee.Amount + i.SellerFee.Amount),
        ];

    /// <summary>Null when <paramref name="posted"/> is exactly <paramref name="expected"/> (as a multiset); otherwise what
    /// differs.</summary>
    private static string? Mismatch(IReadOnlyList<PostingLeg> expected, IReadOnlyList<PostingLeg> posted)
    {
        var remaining = posted.ToList();
        var missing = new List<PostingLeg>();
        foreach (var leg in expected)
            if (!remaining.Remove(leg))
                missing.Add(leg);
        if (missing.Count == 0 && remaining.Count == 0)
            return null;
        return string.Join(
                "; ",
                missing.Select(l => $"missing {Describe(l)}").Concat(remaining.Select(l => $"not instructed {Describe(l)}"))
            ) + ".";
    }

    private static string Describe(PostingLeg l) =>
        $"{l.Kind} {l.Amount} {(l.InstrumentId is null ? "CNY" : l.InstrumentId)} ({l.AccountId})";

    private static string Cut(SettlementPostings r) => $"accounts:{r.Cut}:{r.CutHash ?? ""}";

    /// <summary>The difference kinds (<see cref="ReconciliationDifference.Kind"/>).</summary>
    public static class KindOf
    {
        public const string NotFinal = ReasonCodes.NotFinal;
        public const string PostingMissing = ReasonCodes.PostingMissing;
        public const string PostingMismatch = ReasonCodes.PostingMismatch;
        public const string PostedButFailed = ReasonCodes.PostedButFailed;
        public const string OutcomeMismatch = ReasonCodes.OutcomeMismatch;
        public const string PostingWithoutSettlement = ReasonCodes.PostingWithoutSettlement;
        public const string FeeAccount = ReasonCodes.FeeAccount;
        public const string Conservation = ReasonCodes.Conservation;
    }
}
