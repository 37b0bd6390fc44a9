using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;

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
    /// <summary>Compares; the report's differences are in trade order, then the fee account, then conservation.</summary>
    public static ReconciliationReport Compare(
        Guid runId, Instant now, string trigger, IReadOnlyList<Settlements.Settlement> settlements, SettlementPostings registry,
        ConservationReport conservation, Duration grace)
    {
        var differences = new List<ReconciliationDifference>();
        var outcomes = registry.Outcomes.GroupBy(o => o.SettlementId).ToDictionary(g => g.Key, g => g.ToList());
        var legs = registry.Legs.GroupBy(l => l.SettlementId).ToDictionary(g => g.Key, g => g.ToList());
        var inFlight = 0;
        var expectedFees = 0m;

        foreach (var s in settlements.OrderBy(s => s.ExecutedAt).ThenBy(s => s.Instructions.SettlementId, StringComparer.Ordinal))
        {
            var id = s.Instructions.SettlementId;
            var posted = legs.GetValueOrDefault(id) ?? [];
            var recorded = outcomes.GetValueOrDefault(id) ?? [];
            if (recorded.Count > 1)
            {
                differences.Add(new(KindOf.OutcomeMismatch, id, $"The registry recorded {recorded.Count} outcomes: {string.Join(", ", recorded.Select(o => o.Outcome))}."));
                continue;
            }
            var outcome = recorded.SingleOrDefault();
            if (outcome is { Outcome: SettlementOutcome.Posted })
            {
                expectedFees += s.Instructions.BuyerFee.Amount + s.Instructions.SellerFee.Amount;
                if (Mismatch(ExpectedLegs(s.Instructions, registry.FeeAccountId), posted) is { } detail)
                    differences.Add(new(KindOf.PostingMismatch, id, detail));
            }
            else if (posted.Count > 0)
            {
                differences.Add(outcome is null
                    ? new(KindOf.PostingMismatch, id, $"{posted.Count} movements posted with no outcome recorded.")
                    : new(KindOf.PostedButFailed, id, $"The registry refused the settlement yet posted {posted.Count} movements."));
            }

            switch (s.Status, outcome?.Outcome)
            {
                case (Settlements.Settlement.Settled, SettlementOutcome.Posted):
                case (Settlements.Settlement.Failed, SettlementOutcome.Refused):
                    break;
                case (Settlements.Settlement.Settled or Settlements.Settlement.Failed, null):
                    // Final here, but the registry's cut may predate the outcome.
                    var finalAt = s.SettledAt ?? s.FailedAt ?? s.ExecutedAt;
                    if (finalAt > registry.CutAt - grace) inFlight++;
                    else differences.Add(s.Status == Settlements.Settlement.Settled
                        ? new(KindOf.PostingMissing, id, $"Settled at {finalAt}; the registry has no posting up to {Cut(registry)}.")
                        : new(KindOf.OutcomeMismatch, id, $"Failed at {finalAt} ({s.FailureReason}); the registry recorded no refusal up to {Cut(registry)}."));
                    break;
                case (Settlements.Settlement.Instructed, var registryOutcome):
                    var since = registryOutcome is null ? s.Instructions.InstructedAt : outcome!.At;
                    if (now - since <= grace) inFlight++;
                    else differences.Add(new(KindOf.NotFinal, id, registryOutcome is null
                        ? $"Instructed at {s.Instructions.InstructedAt} and neither settled nor failed."
                        : $"The registry recorded {registryOutcome} at {since}; the settlement ledger still says Instructed."));
                    break;
                case (Settlements.Settlement.Scheduled, null):
                    // End-of-day net: waiting for its cycle is normal until the cut-off.
                    if (s.CutOff is { } cutOff && now - cutOff <= grace) inFlight++;
                    else differences.Add(new(KindOf.NotFinal, id, $"Scheduled for the net cycle with cut-off {s.CutOff}; no cycle instructed it."));
                    break;
                default:
                    differences.Add(new(KindOf.OutcomeMismatch, id, $"{s.Status} here; the registry recorded {outcome!.Outcome}."));
                    break;
            }
        }

        var known = settlements.Select(s => s.Instructions.SettlementId).ToHashSet();
        foreach (var id in legs.Keys.Concat(outcomes.Keys).Distinct().Where(id => !known.Contains(id)).Order(StringComparer.Ordinal))
            differences.Add(new(KindOf.PostingWithoutSettlement, id, $"The registry has {legs.GetValueOrDefault(id)?.Count ?? 0} movements and " +
                                                                      $"{outcomes.GetValueOrDefault(id)?.Count ?? 0} outcomes for a trade the settlement ledger does not know."));

        if (registry.FeeAccountHeld != expectedFees)
            differences.Add(new(KindOf.FeeAccount, null, $"Fee account '{registry.FeeAccountId}' holds {registry.FeeAccountHeld:0.00} CNY; " +
                                                         $"the posted settlements collected {expectedFees:0.00} CNY."));
        foreach (var line in conservation.Instruments.Where(l => l.Difference != 0))
            differences.Add(new(KindOf.Conservation, null, $"{line.InstrumentId}: {line.Issued} {line.Unit} issued, {line.Held} held."));
        if (conservation.Cash.Difference != 0)
            differences.Add(new(KindOf.Conservation, null, $"Cash: {conservation.Cash.Deposited:0.00} CNY deposited, {conservation.Cash.Held:0.00} held."));

        var instruments = settlements
            .GroupBy(s => s.InstrumentId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var settled = g.Where(s => s.Status == Settlements.Settlement.Settled).ToList();
                return new InstrumentSettlementSummary(g.Key, g.First().Instructions.Unit, settled.Count, g.Count(s => s.Status == Settlements.Settlement.Failed),
                    settled.Sum(s => s.Instructions.Quantity), settled.Sum(s => s.Instructions.Consideration.Amount),
                    settled.Sum(s => s.Instructions.BuyerFee.Amount + s.Instructions.SellerFee.Amount));
            })
            .ToList();
        return new ReconciliationReport(runId, now, trigger, Cut(registry), settlements.Count,
            instruments.Sum(i => i.Settled), instruments.Sum(i => i.Failed), inFlight, instruments, instruments.Sum(i => i.Fees),
            differences, differences.Count == 0);
    }

    /// <summary>The movements <paramref name="i"/> instructs, as the registry reports them.</summary>
    public static IReadOnlyList<PostingLeg> ExpectedLegs(SettlementInstructed i, string feeAccountId) =>
    [
        new(i.SettlementId, "UnitsDelivered", i.SellerId, i.InstrumentId, i.Quantity),
        new(i.SettlementId, "UnitsReceived", i.BuyerId, i.InstrumentId, i.Quantity),
        new(i.SettlementId, "CashPaid", i.BuyerId, null, i.Consideration.Amount + i.BuyerFee.Amount),
        new(i.SettlementId, "CashReceived", i.SellerId, null, i.Consideration.Amount - i.SellerFee.Amount),
        new(i.SettlementId, "FeesCollected", feeAccountId, null, i.BuyerFee.Amount + i.SellerFee.Amount),
    ];

    /// <summary>Null when <paramref name="posted"/> is exactly <paramref name="expected"/> (as a multiset); otherwise what differs.</summary>
    private static string? Mismatch(IReadOnlyList<PostingLeg> expected, IReadOnlyList<PostingLeg> posted)
    {
        var remaining = posted.ToList();
        var missing = new List<PostingLeg>();
        foreach (var leg in expected)
            if (!remaining.Remove(leg)) missing.Add(leg);
        if (missing.Count == 0 && remaining.Count == 0) return null;
        return string.Join("; ", missing.Select(l => $"missing {Describe(l)}").Concat(remaining.Select(l => $"not instructed {Describe(l)}"))) + ".";
    }

    private static string Describe(PostingLeg l) => $"{l.Kind} {l.Amount} {(l.InstrumentId is null ? "CNY" : l.InstrumentId)} ({l.AccountId})";

    private static string Cut(SettlementPostings r) => $"accounts:{r.Cut}:{r.CutHash ?? ""}";

    /// <summary>The difference kinds (<see cref="ReconciliationDifference.Kind"/>).</summary>
    public static class KindOf
    {
        public const string NotFinal = "NOT_FINAL";
        public const string PostingMissing = "POSTING_MISSING";
        public const string PostingMismatch = "POSTING_MISMATCH";
        public const string PostedButFailed = "POSTED_BUT_FAILED";
        public const string OutcomeMismatch = "OUTCOME_MISMATCH";
        public const string PostingWithoutSettlement = "POSTING_WITHOUT_SETTLEMENT";
        public const string FeeAccount = "FEE_ACCOUNT";
        public const string Conservation = "CONSERVATION";
    }
}
