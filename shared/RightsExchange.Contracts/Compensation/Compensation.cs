using NodaTime;
using RightsExchange.Contracts.Values;

// Ecological compensation agreements: governments paying each other, and land holders, on measured environmental
// outcomes (2024 Regulation on Ecological Protection Compensation). Version 1.
// Stream compensation:{agreementId} (accounts) holds the agreement, its observations and its assessments. An assessment's
// payments are settled like a trade's cash leg: accounts asks (CompensationSettlementRequested), settlement records and
// instructs them (stream compensation-settlement:{settlementId}), accounts posts every payment between the parties' cash
// accounts in one commit or none (CompensationPaid / CompensationPaymentFailed), and settlement records the outcome.
namespace RightsExchange.Contracts.Compensation.V1;

/// <summary>The payment rules an agreement may name, each versioned: a new rule is a new name, never a changed one.</summary>
public static class CompensationFormulas
{
    /// <summary>
    /// Xin'an River (Anhui upstream, Zhejiang downstream, since 2012). At the boundary sections the index
    /// P = K × Σ wᵢ × (Cᵢ / Cᵢ₀), with Cᵢ the period's mean concentration of indicator i, Cᵢ₀ its baseline, wᵢ its weight
    /// and K the stability coefficient. P ≤ 1 (the water met the target): the downstream parties pay the upstream ones the
    /// period amount, split by their shares. P &gt; 1: the upstream parties pay the downstream ones.
    /// </summary>
    public const string WaterQualityIndex = "WaterQualityIndex/1";

    /// <summary>
    /// Chishui River (Yunnan, Guizhou, Sichuan, second round from 2023): "whoever exceeds the limits pays, whoever protects
    /// benefits". Each party pays its share of the period amount into the fund account; the fund then pays the period
    /// amount out to the parties whose every section kept every indicator at or below its baseline (the limit), in
    /// proportion to their shares. A party that exceeded receives nothing; when every party exceeded the fund keeps it all.
    /// </summary>
    public const string SharedFund = "SharedFund/1";

    /// <summary>
    /// Beijing GEP-R (first year 2025): each district (a section, its responsible party) has a growth target for one
    /// indicator (<see cref="AssessedSection.Target"/>, in the indicator's unit). No money moves by the rule itself: a
    /// district above its target is issued its surplus in units of the agreement's indicator instrument
    /// (<see cref="CompensationTerms.IndicatorInstrumentId"/>); a district below owes its shortfall as a compliance
    /// obligation for the year (<c>IndicatorShortfallRecorded</c>), met by buying units from districts above theirs on
    /// the exchange and surrendering them.
    /// </summary>
    public const string IndicatorTarget = "IndicatorTarget/1";

    /// <summary>
    /// Per-party exceedance penalties ("whoever exceeds the limits pays", as in the Chishui and Yinluan agreements): for
    /// every section and indicator above its limit, the section's responsible party pays the period amount into the fund
    /// account. A year with no exceedance moves nothing.
    /// </summary>
    public const string ExceedancePenalty = "ExceedancePenalty/1";

    /// <summary>
    /// Chaobai River / Miyun (Beijing downstream, Hebei upstream, since 2018): "volume at the core, quality as the floor".
    /// If every quality indicator (<see cref="IndicatorRole.Quality"/>) at every section is at or below its limit, the
    /// downstream parties pay the upstream ones the period amount, plus the volume indicator's rate (CNY per unit) for
    /// each unit that flowed in above its baseline, plus each reward indicator's rate when it came in below its baseline
    /// (the first round's reward for lower total nitrogen); the sum rounded half up to 0.01 CNY, split by shares. Below
    /// the floor nothing is paid.
    /// </summary>
    public const string VolumeAndQuality = "VolumeAndQuality/1";

    public static readonly IReadOnlyList<string> All =
    [
        WaterQualityIndex,
        SharedFund,
        IndicatorTarget,
        ExceedancePenalty,
        VolumeAndQuality,
    ];
}

/// <summary>
/// A party's side in an agreement: upstream (it protects the water), downstream (it benefits), or a member of a shared
/// fund.
/// </summary>
public enum CompensationRole
{
    Upstream,
    Downstream,
    Member,
}

/// <summary>A party: a registered participant (a province's or district's government account, a land holder).</summary>
/// <param name="Share">
/// Its share of what its side pays or receives, and of the fund (e.g. 3, 4 and 3 for 3:4:3); any positive scale.
/// </param>
public sealed record CompensationParty(string ParticipantId, CompensationRole Role, decimal Share);

/// <summary>An assessed cross-section (or area) and the party answerable for the water quality (or the indicator) there.</summary>
/// <param name="Target">
/// <see cref="CompensationFormulas.IndicatorTarget"/> only: the area's target for the year in the indicator's unit (a
/// multiple of the indicator instrument's quantity step); null for the other formulas.
/// </param>
public sealed record AssessedSection(string Code, string Name, string ResponsibleParty, decimal? Target = null);

/// <summary>What an indicator does in <see cref="CompensationFormulas.VolumeAndQuality"/>; the other rules measure quality only.</summary>
public enum IndicatorRole
{
    /// <summary>A concentration with a limit (the baseline): the quality floor.</summary>
    Quality,

    /// <summary>A volume flowing in: the rate (CNY per unit) is paid for each unit above the baseline.</summary>
    Volume,

    /// <summary>An indicator whose improvement is rewarded: the rate (CNY) is paid when the value is below the baseline.</summary>
    Reward,
}

/// <summary>
/// A measured indicator: its code (e.g. <c>CODMn</c>, <c>NH3-N</c>, <c>TP</c>), unit (e.g. <c>mg/L</c>), baseline or
/// limit, and weight in the index.
/// </summary>
/// <param name="Role">Its part in <see cref="CompensationFormulas.VolumeAndQuality"/>; Quality for every other rule.</param>
/// <param name="Rate">
/// CNY for a Volume indicator's unit above the baseline, or a Reward indicator's reward; null for a Quality indicator.
/// </param>
public sealed record CompensationIndicator(
    string Code,
    string Unit,
    decimal Baseline,
    decimal Weight,
    IndicatorRole Role = IndicatorRole.Quality,
    decimal? Rate = null
);

/// <summary>How an agreement treats a section's value that was never recorded for the year it assesses.</summary>
public static class MissingDataRules
{
    /// <summary>The assessment waits: it is refused (OBSERVATIONS_MISSING) until every value is recorded. The default.</summary>
    public const string Refuse = "Refuse";

    /// <summary>
    /// Section rules only (<see cref="CompensationFormulas.SharedFund"/>, <see cref="CompensationFormulas.ExceedancePenalty"/>):
    /// a missing value counts against the section's responsible party as an exceedance, and the figure is recorded as
    /// missing (never a guessed value). Used where agreements make the monitored party answer for gaps in its data.
    /// </summary>
    public const string CountsAsExceeded = "CountsAsExceeded";

    public static readonly IReadOnlyList<string> All = [Refuse, CountsAsExceeded];
}

/// <summary>
/// What the parties agreed. <paramref name="AmountPerPeriod"/> is CNY per assessed year (two decimals at most; 0 for
/// <see cref="CompensationFormulas.IndicatorTarget"/>, which moves units, not money);
/// <paramref name="FundAccountId"/> is the participant whose cash account holds the fund (required by
/// <see cref="CompensationFormulas.SharedFund"/>); <paramref name="Spending"/> says what the money may be spent on.
/// </summary>
/// <param name="Formula">One of <see cref="CompensationFormulas.All"/>.</param>
/// <param name="StabilityCoefficient">
/// K of <see cref="CompensationFormulas.WaterQualityIndex"/> (0.85 in the Xin'an agreement); 1 when not used.
/// </param>
/// <param name="FirstYear">The first assessed year; <paramref name="LastYear"/> the last (a round).</param>
/// <param name="DisputeDays">
/// Days after an assessment during which a party may dispute it (<see cref="RaiseCompensationDispute"/>); its payments
/// are made only once they are over. 0 (the default): no window, an assessment is settled at once.
/// </param>
/// <param name="MissingData">One of <see cref="MissingDataRules.All"/>; <see cref="MissingDataRules.Refuse"/> by default.</param>
/// <param name="IndicatorInstrumentId">
/// <see cref="CompensationFormulas.IndicatorTarget"/> only: the listed instrument of class <c>EcosystemIndicator</c>, in
/// the indicator's unit, that surpluses are issued in and shortfalls are surrendered in.
/// </param>
public sealed record CompensationTerms(
    string Name,
    IReadOnlyList<CompensationParty> Parties,
    IReadOnlyList<AssessedSection> Sections,
    IReadOnlyList<CompensationIndicator> Indicators,
    string Formula,
    decimal StabilityCoefficient,
    decimal AmountPerPeriod,
    string? FundAccountId,
    int FirstYear,
    int LastYear,
    string Spending,
    int DisputeDays = 0,
    string? IndicatorInstrumentId = null,
    string MissingData = MissingDataRules.Refuse
);

/// <summary>
/// Request: propose an agreement (regulator). It takes effect when a second regulator approves it
/// (<c>RegistryActionKind.CompensationAgreement</c>, four-eyes). Rejected: AGREEMENT_EXISTS, INVALID_TERMS (with what is
/// wrong: no parties, a share not positive, an unknown formula, a section's party not a party, a weight or baseline
/// not positive, an amount finer than 0.01 CNY, years out of order, a dispute window outside 0-366 days),
/// PARTICIPANT_UNKNOWN.
/// </summary>
public sealed record ProposeCompensationAgreement(Guid AgreementId, CompensationTerms Terms, string ProposedBy);

/// <summary>
/// Event (stream <c>compensation:{agreementId}</c>): an agreement approved by a second regulator; its first event.
/// </summary>
public sealed record CompensationAgreementConcluded(
    Guid AgreementId,
    CompensationTerms Terms,
    string ProposedBy,
    string ApprovedBy,
    Instant ConcludedAt
);

/// <summary>
/// Request: amend an agreement, or renew it for a new round (regulator). <paramref name="Terms"/> apply from their
/// <see cref="CompensationTerms.FirstYear"/> on, in place of every earlier round's for those years; the years before
/// keep theirs, and nothing is edited (the fourth Xin'an round, for one, widened the scope and the amount). It takes
/// effect when a second regulator approves it (<c>RegistryActionKind.CompensationAmendment</c>, four-eyes). Rejected:
/// AGREEMENT_UNKNOWN, REASON_REQUIRED, INVALID_TERMS (as for a proposal, or a first year before the agreement's or more
/// than a year after its last), YEAR_ALREADY_ASSESSED (a year the new terms would cover was assessed under the old
/// ones), PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN.
/// </summary>
public sealed record AmendCompensationAgreement(
    Guid AmendmentId,
    Guid AgreementId,
    CompensationTerms Terms,
    string Reason,
    string ProposedBy
);

/// <summary>
/// Event (stream <c>compensation:{agreementId}</c>): an amendment or renewal approved by a second regulator;
/// <paramref name="Round"/> counts the concluded terms as round 1.
/// </summary>
public sealed record CompensationAgreementAmended(
    Guid AmendmentId,
    Guid AgreementId,
    int Round,
    CompensationTerms Terms,
    string Reason,
    string ProposedBy,
    string ApprovedBy,
    Instant AmendedAt
);

/// <summary>
/// Request: record a monitoring value, or correct one (<paramref name="Corrects"/> names the observation it replaces,
/// which stays in the stream). Sent by a trader acting for a participant of kind <c>MonitoringBody</c>, or a regulator.
/// Rejected: AGREEMENT_UNKNOWN, NOT_A_MONITORING_BODY, SECTION_UNKNOWN, INDICATOR_UNKNOWN, YEAR_OUTSIDE_TERM,
/// INVALID_VALUE (negative), OBSERVATION_EXISTS (a second value for the same section, indicator and year that does not
/// say it corrects the first), OBSERVATION_UNKNOWN (a correction of nothing, or of what was corrected already),
/// REASON_REQUIRED (a correction without one).
/// </summary>
/// <param name="Value">
/// The measured value in the indicator's unit (for water quality, the period's mean concentration at the section).
/// </param>
public sealed record RecordObservation(
    Guid ObservationId,
    Guid AgreementId,
    string Section,
    string Indicator,
    int Year,
    decimal Value,
    string MonitoringBody,
    Guid? Corrects,
    string? Reason,
    string RecordedBy
);

/// <summary>
/// Event: a monitoring value recorded, or a correction of an earlier one (which keeps its place in the stream).
/// <paramref name="Late"/>: recorded after its year was assessed; the assessment keeps its figures (a dispute, upheld,
/// has the year assessed again on it).
/// </summary>
public sealed record ObservationRecorded(
    Guid ObservationId,
    Guid AgreementId,
    string Section,
    string Indicator,
    int Year,
    decimal Value,
    string MonitoringBody,
    Guid? Corrects,
    string? Reason,
    string RecordedBy,
    Instant RecordedAt,
    bool Late = false
);

/// <summary>
/// Request: assess a year of an agreement and have what it decides settled (regulator). An assessment already paid is
/// not made again; one whose payment failed, or whose dispute window is over, is settled from the same figures; one
/// withdrawn on a dispute is made again. Rejected: AGREEMENT_UNKNOWN, YEAR_OUTSIDE_TERM, ALREADY_PAID, SETTLING (its
/// settlement is under way), OBSERVATIONS_MISSING (a section without a value for an indicator: missing data is never
/// guessed), DISPUTED (a dispute waits for a decision), DISPUTE_WINDOW_OPEN (assessed; payable once the window is over).
/// </summary>
public sealed record AssessCompensationPeriod(Guid AgreementId, int Year, string RequestedBy);

/// <summary>
/// One indicator at one section in an assessment: the value used (the latest correction), its baseline and their ratio.
/// <paramref name="Missing"/>: no value was recorded and the agreement's <see cref="MissingDataRules.CountsAsExceeded"/>
/// rule counted it as an exceedance; <paramref name="Value"/> and <paramref name="Ratio"/> are then 0 and mean nothing.
/// </summary>
public sealed record IndicatorFigure(
    string Section,
    string Indicator,
    string Unit,
    decimal Value,
    decimal Baseline,
    decimal Ratio,
    decimal Weight,
    bool Missing = false
);

/// <summary>
/// <see cref="CompensationFormulas.IndicatorTarget"/>: one area's result against its target, in the indicator's unit.
/// Exactly one of <paramref name="Surplus"/> (issued to the party) and <paramref name="Shortfall"/> (owed by it) is
/// positive unless it met its target exactly.
/// </summary>
public sealed record IndicatorBalance(string PartyId, string Section, decimal Target, decimal Achieved, decimal Surplus, decimal Shortfall);

/// <summary>One movement of CNY an assessment decides (two decimals, rounded half up where shares split an amount).</summary>
public sealed record CompensationPayment(string PayerId, string PayeeId, decimal Amount, string Purpose);

/// <summary>
/// Event: a year assessed, with every intermediate figure, so that anyone holding the agreement and its observations
/// can recompute it. <paramref name="Index"/> is P for <see cref="CompensationFormulas.WaterQualityIndex"/> (exact, not
/// rounded), null otherwise. <paramref name="Decision"/> says who pays whom and why, e.g. <c>TARGET_MET</c>,
/// <c>TARGET_MISSED</c>, or for a shared fund the parties that exceeded. <paramref name="PayableFrom"/>: the end of the
/// dispute window, when the agreement has one (assessing the year again from then on pays it); null otherwise.
/// <paramref name="Balances"/>: for <see cref="CompensationFormulas.IndicatorTarget"/>, each area's surplus or shortfall.
/// </summary>
public sealed record CompensationAssessed(
    Guid AgreementId,
    int Year,
    string Formula,
    IReadOnlyList<IndicatorFigure> Figures,
    decimal? Index,
    string Decision,
    IReadOnlyList<CompensationPayment> Payments,
    string AssessedBy,
    Instant AssessedAt,
    Instant? PayableFrom = null,
    IReadOnlyList<IndicatorBalance>? Balances = null
);

/// <summary>
/// Event (accounts, stream <c>compensation:{agreementId}</c>): an <see cref="CompensationFormulas.IndicatorTarget"/> year
/// settled in units, all in this commit: each surplus issued into its party's holding of <paramref name="InstrumentId"/>
/// (<c>UnitsIssued</c>), each shortfall recorded as its party's obligation for the year
/// (<c>IndicatorShortfallRecorded</c>). Also the public record of the year on the feed
/// (<c>rightsexchange.compensation.v1.CompensationIndicatorsSettled</c>, subject the agreement id).
/// </summary>
public sealed record CompensationIndicatorsSettled(
    Guid AgreementId,
    string AgreementName,
    int Year,
    string InstrumentId,
    string Decision,
    IReadOnlyList<IndicatorBalance> Balances,
    Instant SettledAt
);

/// <summary>
/// Event (accounts, stream <c>compensation:{agreementId}</c>): a year's assessment is payable; accounts asks settlement to
/// settle its payments. <paramref name="SettlementId"/> is <c>{agreementId:N}-{year}-{attempt}</c>: a year whose payment
/// failed is asked again under the next attempt.
/// </summary>
public sealed record CompensationSettlementRequested(
    string SettlementId,
    Guid AgreementId,
    string AgreementName,
    int Year,
    IReadOnlyList<CompensationPayment> Payments,
    Instant RequestedAt
);

/// <summary>
/// Event (settlement, stream <c>compensation-settlement:{settlementId}</c>): settlement recorded the payments and instructs
/// accounts to post them, all in one commit or none. A request seen before instructs nothing more.
/// </summary>
public sealed record CompensationSettlementInstructed(
    string SettlementId,
    Guid AgreementId,
    int Year,
    IReadOnlyList<CompensationPayment> Payments,
    Instant InstructedAt
);

/// <summary>
/// Event: the payments of a year's assessment were posted, all in the commit of this event (accounts). Also the public
/// record of the year on the feed (<c>rightsexchange.compensation.v1.CompensationPaid</c>, subject the agreement id): the
/// agreement, the rule, its outcome and who paid whom how much.
/// </summary>
/// <param name="Index">As in <see cref="CompensationAssessed.Index"/>: P for a water-quality index, else null.</param>
/// <param name="SettlementId">The settlement that instructed the payments.</param>
public sealed record CompensationPaid(
    Guid AgreementId,
    string AgreementName,
    int Year,
    string Formula,
    decimal? Index,
    string Decision,
    IReadOnlyList<CompensationPayment> Payments,
    Instant PaidAt,
    string? SettlementId = null
);

/// <summary>
/// Event (accounts): a year's payments could not be posted and nothing moved. <paramref name="Reason"/>:
/// INSUFFICIENT_CASH (a payer's available CNY did not cover what it owes), ACCOUNT_FROZEN or PARTICIPANT_NOT_ACTIVE.
/// Assessing the year again asks for a new settlement once the cause is gone.
/// </summary>
/// <param name="SettlementId">The settlement that instructed the payments.</param>
public sealed record CompensationPaymentFailed(
    Guid AgreementId,
    int Year,
    string Reason,
    string Detail,
    Instant FailedAt,
    string? SettlementId = null
);

/// <summary>Event (settlement): accounts posted the payments of <paramref name="SettlementId"/>.</summary>
public sealed record CompensationSettled(string SettlementId, Guid AgreementId, int Year, decimal Amount, Instant SettledAt);

/// <summary>Event (settlement): accounts refused the payments of <paramref name="SettlementId"/>; nothing moved.</summary>
public sealed record CompensationSettlementFailed(
    string SettlementId,
    Guid AgreementId,
    int Year,
    string Reason,
    string Detail,
    Instant FailedAt
);

/// <summary>
/// Event (stream <c>cash:{participantId}</c>): CNY paid under an agreement, from the payer's available cash, by
/// settlement <paramref name="SettlementId"/>.
/// </summary>
public sealed record CompensationCashPaid(
    Guid AgreementId,
    int Year,
    string PayeeId,
    Money Amount,
    Instant PaidAt,
    string? SettlementId = null
);

/// <summary>
/// Event (stream <c>cash:{participantId}</c>): CNY received under an agreement, into the payee's available cash, by
/// settlement <paramref name="SettlementId"/>.
/// </summary>
public sealed record CompensationCashReceived(
    Guid AgreementId,
    int Year,
    string PayerId,
    Money Amount,
    Instant ReceivedAt,
    string? SettlementId = null
);

/// <summary>
/// Request: pay CNY out of an agreement's fund account to <paramref name="PayeeId"/> for <paramref name="Purpose"/>
/// (regulator), which is recorded with the payment. Rejected: AGREEMENT_UNKNOWN, NO_FUND (the agreement names no fund
/// account), PARTICIPANT_UNKNOWN, INVALID_AMOUNT (not positive, or finer than 0.01 CNY), PURPOSE_REQUIRED,
/// INVALID_PAYEE (the fund itself), INSUFFICIENT_CASH (the fund's available CNY does not cover it), PARTICIPANT_NOT_ACTIVE,
/// ACCOUNT_FROZEN.
/// </summary>
public sealed record SpendFromFund(Guid SpendingId, Guid AgreementId, string PayeeId, decimal Amount, string Purpose, string RequestedBy);

/// <summary>
/// Event: CNY paid out of an agreement's fund, with its purpose. Appended to the agreement's stream and to both cash
/// streams (the fund's available cash falls, the payee's rises), all in one commit.
/// </summary>
public sealed record FundSpent(
    Guid SpendingId,
    Guid AgreementId,
    string FundAccountId,
    string PayeeId,
    Money Amount,
    string Purpose,
    string SpentBy,
    Instant SpentAt
);

/// <summary>Request: an agreement, its observations and assessments.</summary>
public sealed record GetCompensationAgreement(Guid AgreementId);

/// <summary>Reply when no agreement has that id.</summary>
public sealed record CompensationAgreementNotFound(Guid AgreementId);

/// <summary>Reply to <see cref="GetCompensationAgreement"/>.</summary>
/// <param name="Observations">Every observation recorded, corrections included, in the order recorded.</param>
/// <param name="Years">Per assessed year: the latest assessment and whether it was paid.</param>
/// <param name="Terms">The terms of the latest round; <paramref name="Amendments"/> every amendment and renewal, in order.</param>
/// <param name="Spending">What was paid out of the fund, with its purpose, in order.</param>
public sealed record CompensationAgreementView(
    Guid AgreementId,
    CompensationTerms Terms,
    string ProposedBy,
    string ApprovedBy,
    Instant ConcludedAt,
    IReadOnlyList<ObservationRecorded> Observations,
    IReadOnlyList<CompensationYearView> Years,
    IReadOnlyList<FundSpent> Spending,
    IReadOnlyList<CompensationAgreementAmended>? Amendments = null
);

/// <summary>A year's assessment and what became of it.</summary>
/// <param name="Status">
/// Assessed (waiting for its dispute window to end), Disputed (waiting for a regulator's decision), Withdrawn (a dispute
/// was upheld: the year may be assessed again), Settling (its payments are with settlement), Paid, PaymentFailed with
/// <paramref name="FailureReason"/>, or Issued (an indicator target's surpluses issued and shortfalls recorded).
/// </param>
/// <param name="SettlementId">The latest settlement asked for the year's payments, if any.</param>
/// <param name="Attempts">How many settlements were asked for the year (one more after each failed payment).</param>
/// <param name="Dispute">The latest dispute raised against the assessment, if any; <paramref name="Ruling"/> its decision.</param>
public sealed record CompensationYearView(
    int Year,
    CompensationAssessed Assessment,
    string Status,
    string? FailureReason,
    CompensationDisputed? Dispute = null,
    CompensationDisputeDecided? Ruling = null,
    string? SettlementId = null,
    int Attempts = 0
);

/// <summary>
/// Request: a party disputes a year's assessment within the agreement's dispute window (a trader for the party, or a
/// regulator); its payments wait for a regulator's decision. Rejected: AGREEMENT_UNKNOWN, NOT_A_PARTY, NOT_ASSESSED,
/// NOT_DISPUTABLE (paid, already disputed or withdrawn), DISPUTE_WINDOW_CLOSED, REASON_REQUIRED.
/// </summary>
public sealed record RaiseCompensationDispute(Guid DisputeId, Guid AgreementId, int Year, string PartyId, string Reason, string RaisedBy);

/// <summary>Event: a party disputed a year's assessment.</summary>
public sealed record CompensationDisputed(
    Guid DisputeId,
    Guid AgreementId,
    int Year,
    string PartyId,
    string Reason,
    string RaisedBy,
    Instant RaisedAt
);

/// <summary>
/// Request: a regulator decides a dispute, with the reason. Upheld: the assessment is withdrawn and the year may be
/// assessed again (after corrected observations, say). Dismissed: the assessment stands and is paid once its window is
/// over. Rejected: AGREEMENT_UNKNOWN, NOT_DISPUTED, REASON_REQUIRED.
/// </summary>
public sealed record DecideCompensationDispute(Guid AgreementId, int Year, bool Upheld, string Reason, string DecidedBy);

/// <summary>Event: a regulator upheld or dismissed a dispute.</summary>
public sealed record CompensationDisputeDecided(
    Guid AgreementId,
    int Year,
    bool Upheld,
    string Reason,
    string DecidedBy,
    Instant DecidedAt
);
