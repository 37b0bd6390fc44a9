using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// What an assessment decides: every figure it used, the index where the formula has one, the payments, and for an
/// indicator target each area's surplus or shortfall.
/// </summary>
public sealed record AssessmentOutcome(
    IReadOnlyList<IndicatorFigure> Figures,
    decimal? Index,
    string Decision,
    IReadOnlyList<CompensationPayment> Payments,
    IReadOnlyList<IndicatorBalance>? Balances = null
);

/// <summary>
/// The payment rules of <see cref="CompensationFormulas"/> as pure functions of an agreement's terms and one year's
/// values, so an assessment is replayable: the same terms and values give the same figures and payments, and a
/// regulator can recompute them from an export. Amounts split by shares round half up to 0.01 CNY, and the largest share
/// takes what rounding leaves, so the pieces always add up to the amount split.
/// </summary>
public static class CompensationAssessment
{
    /// <summary>
    /// Assesses a year. <paramref name="values"/> holds the value in force for each (section, indicator). Returns the
    /// outcome, or the (section, indicator) pairs without a value (missing data is never guessed: it waits, or under
    /// <see cref="MissingDataRules.CountsAsExceeded"/> counts as an exceedance recorded as missing).
    /// </summary>
    public static (AssessmentOutcome? Outcome, IReadOnlyList<string> Missing) Assess(
        CompensationTerms terms,
        IReadOnlyDictionary<(string Section, string Indicator), decimal> values
    )
    {
        var missing = new List<string>();
        var figures = new List<IndicatorFigure>();
        foreach (var section in terms.Sections)
        {
            foreach (var indicator in terms.Indicators)
            {
                if (!values.TryGetValue((section.Code, indicator.Code), out var value))
                {
                    if (terms.MissingData == MissingDataRules.CountsAsExceeded)
                        figures.Add(
                            new IndicatorFigure(
                                section.Code,
                                indicator.Code,
                                indicator.Unit,
                                0m,
                                indicator.Baseline,
                                0m,
                                indicator.Weight,
                                Missing: true
                            )
                        );
                    else
                        missing.Add($"{section.Code}/{indicator.Code}");
                    continue;
                }
                var baseline = terms.Formula == CompensationFormulas.IndicatorTarget ? section.Target!.Value : indicator.Baseline;
                figures.Add(
                    new IndicatorFigure(section.Code, indicator.Code, indicator.Unit, value, baseline, value / baseline, indicator.Weight)
                );
            }
        }
        if (missing.Count > 0)
            return (null, missing);
        var outcome = terms.Formula switch
        {
            CompensationFormulas.WaterQualityIndex => WaterQualityIndex(terms, figures),
            CompensationFormulas.SharedFund => SharedFund(terms, figures),
            CompensationFormulas.IndicatorTarget => IndicatorTarget(terms, figures),
            CompensationFormulas.ExceedancePenalty => ExceedancePenalty(terms, figures),
            CompensationFormulas.VolumeAndQuality => VolumeAndQuality(terms, figures),
            _ => throw new ArgumentException($"Unknown formula '{terms.Formula}'.", nameof(terms)),
        };
        return (outcome, []);
    }

    /// <summary>
    /// P = K × Σᵢ wᵢ × rᵢ / Σᵢ wᵢ, with rᵢ the mean over the sections of Cᵢ / Cᵢ₀ (the published Xin'an index, whose
    /// weights add up to one). P ≤ 1: downstream pays upstream; otherwise upstream pays downstream.
    /// </summary>
    public static AssessmentOutcome WaterQualityIndex(CompensationTerms terms, IReadOnlyList<IndicatorFigure> figures)
    {
        var weighted = terms.Indicators.Sum(i => i.Weight * figures.Where(f => f.Indicator == i.Code).Average(f => f.Ratio));
        var index = terms.StabilityCoefficient * weighted / terms.Indicators.Sum(i => i.Weight);
        var met = index <= 1m;
        var payers = terms.Parties.Where(p => p.Role == (met ? CompensationRole.Downstream : CompensationRole.Upstream)).ToList();
        var payees = terms.Parties.Where(p => p.Role == (met ? CompensationRole.Upstream : CompensationRole.Downstream)).ToList();
        var purpose = met
            ? "water quality met the target: downstream compensates upstream"
            : "water quality missed the target: upstream compensates downstream";
        var payments = new List<CompensationPayment>();
        foreach (var (payer, owed) in Split(terms.AmountPerPeriod, payers))
        {
            foreach (var (payee, amount) in Split(owed, payees))
                if (amount > 0)
                    payments.Add(new CompensationPayment(payer.ParticipantId, payee.ParticipantId, amount, purpose));
        }
        return new AssessmentOutcome(figures, index, met ? "TARGET_MET" : "TARGET_MISSED", payments);
    }

    /// <summary>
    /// Every party pays its share of the amount into the fund; the fund pays the amount out to the parties whose every
    /// section kept every indicator at or below its limit, by their shares (none of it when every party exceeded).
    /// </summary>
    public static AssessmentOutcome SharedFund(CompensationTerms terms, IReadOnlyList<IndicatorFigure> figures)
    {
        var fund = terms.FundAccountId ?? throw new ArgumentException("A shared fund names its fund account.", nameof(terms));
        var exceeded = terms
            .Sections.Where(s => figures.Any(f => f.Section == s.Code && Exceeds(f)))
            .Select(s => s.ResponsibleParty)
            .Distinct()
            .ToHashSet();
        var protectors = terms.Parties.Where(p => !exceeded.Contains(p.ParticipantId)).ToList();
        var payments = Split(terms.AmountPerPeriod, terms.Parties)
            .Where(c => c.Amount > 0)
            .Select(c => new CompensationPayment(c.Party.ParticipantId, fund, c.Amount, "contribution to the fund"))
            .ToList();
        if (protectors.Count > 0)
        {
            payments.AddRange(
                Split(terms.AmountPerPeriod, protectors)
                    .Where(c => c.Amount > 0)
                    .Select(c => new CompensationPayment(
                        fund,
                        c.Party.ParticipantId,
                        c.Amount,
                        "the fund rewards a party that kept within the limits"
                    ))
            );
        }
        var decision =
            exceeded.Count == 0 ? "ALL_WITHIN_LIMITS"
            : protectors.Count == 0 ? "ALL_EXCEEDED"
            : $"EXCEEDED: {string.Join(", ", exceeded.Order(StringComparer.Ordinal))}";
        return new AssessmentOutcome(figures, null, decision, payments);
    }

    /// <summary>
    /// Each section and indicator above its limit (or missing, under <see cref="MissingDataRules.CountsAsExceeded"/>)
    /// makes the section's responsible party pay the period amount into the fund, one payment per party.
    /// </summary>
    public static AssessmentOutcome ExceedancePenalty(CompensationTerms terms, IReadOnlyList<IndicatorFigure> figures)
    {
        var fund = terms.FundAccountId ?? throw new ArgumentException("Penalties go into a fund account.", nameof(terms));
        var counts = terms
            .Sections.SelectMany(s => figures.Where(f => f.Section == s.Code && Exceeds(f)).Select(_ => s.ResponsibleParty))
            .GroupBy(p => p)
            .ToDictionary(g => g.Key, g => g.Count());
        var payments = terms
            .Parties.Where(p => counts.ContainsKey(p.ParticipantId))
            .Select(p => new CompensationPayment(
                p.ParticipantId,
                fund,
                terms.AmountPerPeriod * counts[p.ParticipantId],
                $"penalty for {counts[p.ParticipantId]} exceedance(s) of the limits"
            ))
            .ToList();
        var decision =
            payments.Count == 0
                ? "ALL_WITHIN_LIMITS"
                : $"PENALTIES: {string.Join(", ", payments.Select(p => $"{p.PayerId} {counts[p.PayerId]}"))}";
        return new AssessmentOutcome(figures, null, decision, payments);
    }

    /// <summary>
    /// The quality floor (every Quality indicator within its limit at every section) decides whether anything is paid;
    /// above it, downstream pays upstream the period amount, the volume increments and the rewards, split by shares.
    /// Volume and reward indicators are read at the first section that has them.
    /// </summary>
    public static AssessmentOutcome VolumeAndQuality(CompensationTerms terms, IReadOnlyList<IndicatorFigure> figures)
    {
        var roles = terms.Indicators.ToDictionary(i => i.Code);
        if (figures.Any(f => roles[f.Indicator].Role == IndicatorRole.Quality && Exceeds(f)))
            return new AssessmentOutcome(figures, null, "QUALITY_FLOOR_MISSED", []);
        var volume = terms
            .Indicators.Where(i => i.Role == IndicatorRole.Volume)
            .Sum(i => i.Rate!.Value * Math.Max(0m, figures.First(f => f.Indicator == i.Code).Value - i.Baseline));
        var rewards = terms
            .Indicators.Where(i => i.Role == IndicatorRole.Reward && figures.First(f => f.Indicator == i.Code).Ratio < 1m)
            .Sum(i => i.Rate!.Value);
        var amount = Money.RoundCny(terms.AmountPerPeriod + volume + rewards);
        var payers = terms.Parties.Where(p => p.Role == CompensationRole.Downstream).ToList();
        var payees = terms.Parties.Where(p => p.Role == CompensationRole.Upstream).ToList();
        var purpose = $"quality floor kept: base {terms.AmountPerPeriod:0.00}, volume {volume:0.##}, rewards {rewards:0.00} CNY";
        var payments = new List<CompensationPayment>();
        foreach (var (payer, owed) in Split(amount, payers))
        {
            foreach (var (payee, share) in Split(owed, payees))
                if (share > 0)
                    payments.Add(new CompensationPayment(payer.ParticipantId, payee.ParticipantId, share, purpose));
        }
        return new AssessmentOutcome(figures, null, "QUALITY_FLOOR_KEPT", payments);
    }

    /// <summary>A figure above its limit, or missing where the agreement counts that as exceeding.</summary>
    private static bool Exceeds(IndicatorFigure f) => f.Missing || f.Ratio > 1m;

    /// <summary>
    /// Each area's achieved value against its target: the surplus above it (issued to the responsible party in indicator
    /// units) or the shortfall below it (owed by that party). No payments.
    /// </summary>
    public static AssessmentOutcome IndicatorTarget(CompensationTerms terms, IReadOnlyList<IndicatorFigure> figures)
    {
        var balances = terms
            .Sections.Select(s =>
            {
                var achieved = figures.Single(f => f.Section == s.Code).Value;
                var target = s.Target!.Value;
                return new IndicatorBalance(
                    s.ResponsibleParty,
                    s.Code,
                    target,
                    achieved,
                    Math.Max(0m, achieved - target),
                    Math.Max(0m, target - achieved)
                );
            })
            .ToList();
        var behind = balances.Where(b => b.Shortfall > 0).ToList();
        var decision =
            behind.Count == 0 ? "ALL_TARGETS_MET" : $"SHORTFALL: {string.Join(", ", behind.Select(b => $"{b.PartyId} {b.Shortfall}"))}";
        return new AssessmentOutcome(figures, null, decision, [], balances);
    }

    /// <summary>
    /// <paramref name="amount"/> (CNY) split by the parties' shares, each piece rounded half up to 0.01 CNY except the
    /// largest share's (the first of them), which takes the rest, so the pieces add up to the amount exactly.
    /// </summary>
    public static IReadOnlyList<(CompensationParty Party, decimal Amount)> Split(decimal amount, IReadOnlyList<CompensationParty> parties)
    {
        if (parties.Count == 0)
            return [];
        var total = parties.Sum(p => p.Share);
        var largest = parties.Select((p, i) => (p, i)).OrderByDescending(x => x.p.Share).ThenBy(x => x.i).First().i;
        var pieces = parties.Select(p => Money.RoundCny(amount * p.Share / total)).ToArray();
        pieces[largest] = amount - pieces.Where((_, i) => i != largest).Sum();
        return parties.Select((p, i) => (p, pieces[i])).ToList();
    }
}
