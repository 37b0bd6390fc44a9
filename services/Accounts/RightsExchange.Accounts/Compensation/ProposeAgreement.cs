using MassTransit;
using RightsExchange.Accounts.FourEyes;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Proposes an ecological compensation agreement; a second regulator's approval concludes it (four-eyes, as for
/// issuance: EU Union Registry discipline, market-rules.md), with every check made again at approval. Rejections are
/// listed on <see cref="ProposeCompensationAgreement"/>.
/// </summary>
public sealed class ProposeAgreementConsumer(LedgerWriter writer) : IConsumer<ProposeCompensationAgreement>
{
    public Task Consume(ConsumeContext<ProposeCompensationAgreement> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, ProposeCompensationAgreement c)
    {
        if (!ledger.FourEyes)
            return await Conclude(ledger, c, c.ProposedBy);
        if (await Check(ledger, c) is { } rejected)
            return rejected;
        return await RegistryActionConsumer.Propose(
            ledger,
            c.AgreementId,
            RegistryActionKind.CompensationAgreement,
            $"Conclude '{c.Terms.Name}' ({c.Terms.Formula}, {c.Terms.AmountPerPeriod:0.00} CNY a year, "
                + $"{c.Terms.FirstYear}-{c.Terms.LastYear}) "
                + $"between {string.Join(", ", c.Terms.Parties.Select(p => p.ParticipantId))}",
            c.ProposedBy,
            agreement: c
        );
    }

    /// <summary>Concludes the agreement (on approval by <paramref name="approvedBy"/>), or the reason it cannot be.</summary>
    public static async Task<object> Conclude(LedgerCommit ledger, ProposeCompensationAgreement c, string approvedBy)
    {
        if (await Check(ledger, c) is { } rejected)
            return rejected;
        var agreement = await ledger.Agreement(c.AgreementId);
        agreement.Append(new CompensationAgreementConcluded(c.AgreementId, c.Terms, c.ProposedBy, approvedBy, ledger.Now));
        return new RegistryCommandAccepted(c.AgreementId.ToString());
    }

    private static async Task<RegistryCommandRejected?> Check(LedgerCommit ledger, ProposeCompensationAgreement c)
    {
        if ((await ledger.Agreement(c.AgreementId)).State is not null)
            return new(ReasonCodes.AgreementExists, $"Agreement {c.AgreementId} was concluded already.");
        return await CheckTerms(ledger, c.Terms);
    }

    /// <summary>
    /// The refusal of <paramref name="terms"/> (INVALID_TERMS, PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN), or null: they
    /// can be assessed, name registered participants and, for an indicator target, a fitting listed instrument.
    /// </summary>
    public static async Task<RegistryCommandRejected?> CheckTerms(LedgerCommit ledger, CompensationTerms terms)
    {
        if (Invalid(terms) is { } wrong)
            return new(ReasonCodes.InvalidTerms, wrong);
        foreach (var id in terms.Parties.Select(p => p.ParticipantId).Append(terms.FundAccountId).OfType<string>())
        {
            if ((await ledger.Participant(id)).State is null)
                return new(ReasonCodes.ParticipantUnknown, $"No participant '{id}'.");
        }
        if (terms.IndicatorInstrumentId is not { } unitsOf)
            return null;
        var instrument = (await ledger.Instrument(unitsOf)).State?.Definition;
        if (instrument is null)
            return new(ReasonCodes.InstrumentUnknown, $"No instrument '{unitsOf}'.");
        if (instrument.Class != InstrumentClass.EcosystemIndicator || instrument.Unit != terms.Indicators[0].Unit)
            return new(
                ReasonCodes.InvalidTerms,
                $"{unitsOf} is {instrument.Class} in {instrument.Unit}; an indicator target settles in an "
                    + $"EcosystemIndicator instrument in the indicator's unit ({terms.Indicators[0].Unit})."
            );
        return terms.Sections.FirstOrDefault(s => s.Target!.Value % instrument.QuantityStep != 0) is { } coarse
            ? new(
                ReasonCodes.InvalidTerms,
                $"Section {coarse.Code}'s target {coarse.Target} is not a multiple of {unitsOf}'s step " + $"{instrument.QuantityStep}."
            )
            : null;
    }

    /// <summary>What is wrong with <paramref name="terms"/>, or null when they can be assessed.</summary>
    public static string? Invalid(CompensationTerms terms)
    {
        var parties = terms.Parties.Select(p => p.ParticipantId).ToList();
        return terms.Parties.Count == 0 ? "An agreement has parties."
            : parties.Distinct().Count() != parties.Count ? "A participant is a party once."
            : terms.Parties.Any(p => p.Share <= 0) ? "Every party's share is positive."
            : !CompensationFormulas.All.Contains(terms.Formula) ? $"The formula is one of {string.Join(", ", CompensationFormulas.All)}."
            : terms.Sections.Count == 0 ? "An agreement assesses at least one section."
            : terms.Sections.Select(s => s.Code).Distinct().Count() != terms.Sections.Count ? "Section codes are distinct."
            : terms.Sections.FirstOrDefault(s => !parties.Contains(s.ResponsibleParty)) is { } orphan
                ? $"Section {orphan.Code}'s responsible party {orphan.ResponsibleParty} is not a party."
            : terms.Indicators.Count == 0 ? "An agreement measures at least one indicator."
            : terms.Indicators.Select(i => i.Code).Distinct().Count() != terms.Indicators.Count ? "Indicator codes are distinct."
            : terms.Indicators.Any(i => i.Baseline <= 0 || i.Weight <= 0) ? "Every indicator's baseline and weight are positive."
            : terms.Formula == CompensationFormulas.IndicatorTarget ? InvalidTarget(terms)
            : terms.AmountPerPeriod <= 0 || Money.RoundCny(terms.AmountPerPeriod) != terms.AmountPerPeriod
                ? "The amount per period is positive CNY with at most two decimals."
            : terms.StabilityCoefficient <= 0 ? "The stability coefficient is positive."
            : terms.FirstYear > terms.LastYear ? "The first year comes before the last."
            : terms.DisputeDays is < 0 or > 366 ? "The dispute window is 0 to 366 days."
            : terms.Formula == CompensationFormulas.WaterQualityIndex
            && !(
                terms.Parties.Any(p => p.Role == CompensationRole.Upstream) && terms.Parties.Any(p => p.Role == CompensationRole.Downstream)
            )
                ? "A water-quality index agreement has upstream and downstream parties."
            : terms.Formula is CompensationFormulas.SharedFund or CompensationFormulas.ExceedancePenalty
            && (terms.FundAccountId is null || parties.Contains(terms.FundAccountId))
                ? $"{terms.Formula} names a fund account that is not a party."
            : !MissingDataRules.All.Contains(terms.MissingData)
                ? $"The missing-data rule is one of {string.Join(", ", MissingDataRules.All)}."
            : terms.MissingData == MissingDataRules.CountsAsExceeded
            && terms.Formula is not (CompensationFormulas.SharedFund or CompensationFormulas.ExceedancePenalty)
                ? "Only the section rules (SharedFund/1, ExceedancePenalty/1) count a missing value as exceeded."
            : terms.Formula == CompensationFormulas.VolumeAndQuality && InvalidVolumeAndQuality(terms) is { } volume ? volume
            : terms.Formula != CompensationFormulas.VolumeAndQuality
            && terms.Indicators.Any(i => i.Role != IndicatorRole.Quality || i.Rate is not null)
                ? "Volume and reward indicators, with their rates, belong to VolumeAndQuality/1 agreements."
            : terms.IndicatorInstrumentId is not null || terms.Sections.Any(s => s.Target is not null)
                ? "Section targets and an indicator instrument belong to IndicatorTarget/1 agreements."
            : null;
    }

    /// <summary>What is wrong with the terms of a <see cref="CompensationFormulas.VolumeAndQuality"/> agreement, or null.</summary>
    private static string? InvalidVolumeAndQuality(CompensationTerms terms) =>
        !(terms.Parties.Any(p => p.Role == CompensationRole.Upstream) && terms.Parties.Any(p => p.Role == CompensationRole.Downstream))
            ? "A volume-and-quality agreement has upstream and downstream parties."
        : terms.Indicators.All(i => i.Role != IndicatorRole.Quality) ? "A volume-and-quality agreement has a quality floor."
        : terms.Indicators.FirstOrDefault(i => (i.Role == IndicatorRole.Quality) != (i.Rate is null)) is { } odd
            ? $"Indicator {odd.Code}: volume and reward indicators have a rate, quality indicators none."
        : terms.Indicators.FirstOrDefault(i => i.Rate is <= 0) is { } free ? $"Indicator {free.Code}'s rate is positive."
        : terms.Indicators.FirstOrDefault(i => i.Role == IndicatorRole.Reward && Money.RoundCny(i.Rate!.Value) != i.Rate) is { } fine
            ? $"Indicator {fine.Code}'s reward is CNY with at most two decimals."
        : null;

    /// <summary>What is wrong with the terms of an <see cref="CompensationFormulas.IndicatorTarget"/> agreement, or null.</summary>
    private static string? InvalidTarget(CompensationTerms terms) =>
        terms.Indicators.Count != 1 ? "An indicator target measures one indicator."
        : terms.Sections.Any(s => s.Target is not > 0) ? "Every area of an indicator target has a positive target."
        : terms.IndicatorInstrumentId is null ? "An indicator target names the instrument its surpluses are issued in."
        : terms.AmountPerPeriod != 0 ? "An indicator target moves units, not money: its amount per period is 0."
        : terms.StabilityCoefficient <= 0 ? "The stability coefficient is positive."
        : terms.FirstYear > terms.LastYear ? "The first year comes before the last."
        : terms.DisputeDays is < 0 or > 366 ? "The dispute window is 0 to 366 days."
        : null;
}
