using NodaTime;
using RightsExchange.Contracts.Values;

// Biodiversity offset obligations, after the NSW Biodiversity Offsets Scheme (Biodiversity Conservation Act 2016 and
// Regulation 2017). Version 1. A development consent carries a credit obligation (stream consent:{consentId} in
// accounts); the developer discharges it by retiring matching credits (like for like) or by paying the Biodiversity
// Conservation Fund the charge the obligation states, after which the fund owes those credits and retires them in turn.
namespace RightsExchange.Contracts.Biodiversity.V1;

/// <summary>Ecosystem credits (of a plant community type) or species credits (of one threatened species).</summary>
public enum BiodiversityCreditKind
{
    Ecosystem,
    Species,
}

/// <summary>A point in decimal degrees (WGS 84).</summary>
/// <param name="Latitude">-90 to 90; south is negative.</param>
/// <param name="Longitude">-180 to 180; west is negative.</param>
public sealed record GeoPoint(decimal Latitude, decimal Longitude);

/// <summary>
/// What a biodiversity credit instrument is (required when listing class <c>BiodiversityCredit</c>, absent for the
/// others): its kind, what it is of, and where the stewardship site that generated it lies.
/// </summary>
/// <param name="PlantCommunityType">Ecosystem credits: the plant community type (PCT) number of the NSW BioNet classification.</param>
/// <param name="Species">Species credits: the species' scientific name.</param>
/// <param name="Subregion">The IBRA subregion of the stewardship site, e.g. <c>Cumberland</c>.</param>
/// <param name="Site">The stewardship site's location.</param>
public sealed record BiodiversityCreditType(
    BiodiversityCreditKind Kind,
    int? PlantCommunityType,
    string? Species,
    string Subregion,
    GeoPoint Site
);

/// <summary>One line of a credit obligation: a number of credits of one plant community type or species.</summary>
/// <param name="PlantCommunityType">Ecosystem credits: the PCT number.</param>
/// <param name="Species">Species credits: the species' scientific name.</param>
/// <param name="Credits">Credits required, in the credit instruments' unit; positive, a multiple of their quantity step.</param>
/// <param name="FundChargePerCredit">CNY a credit paid into the Biodiversity Conservation Fund instead, as the consent
/// states it (in NSW the Offsets Payment Calculator's figure).</param>
/// <param name="VariationAllowed">
/// The consent allows the variation rules for this line (BC Regulation 2017 cl 6.4): ecosystem credits of another PCT
/// in the same vegetation formation (<c>Biodiversity:VegetationFormations</c>) also match, under the same location rule.
/// </param>
public sealed record CreditRequirement(
    BiodiversityCreditKind Kind,
    int? PlantCommunityType,
    string? Species,
    decimal Credits,
    Money FundChargePerCredit,
    bool VariationAllowed = false
);

/// <summary>
/// Request (regulator): record a development consent's credit obligation. Rejected: PARTICIPANT_UNKNOWN,
/// CONSENT_EXISTS, INVALID_REQUIREMENT (no lines, a line without its PCT or species or with both, credits not
/// positive, a charge not positive or finer than 0.01 CNY).
/// </summary>
/// <param name="Reference">The consent's number, e.g. <c>SSD-10477</c>.</param>
/// <param name="Subregion">The IBRA subregion of the development site.</param>
/// <param name="Site">The development site's location.</param>
public sealed record RecordDevelopmentConsent(
    Guid ConsentId,
    string DeveloperId,
    string Reference,
    string Subregion,
    GeoPoint Site,
    IReadOnlyList<CreditRequirement> Requirements,
    string RequestedBy
);

/// <summary>Event (stream <c>consent:{consentId}</c>): a development consent and its credit obligation.</summary>
public sealed record DevelopmentConsentRecorded(
    Guid ConsentId,
    string DeveloperId,
    string Reference,
    string Subregion,
    GeoPoint Site,
    IReadOnlyList<CreditRequirement> Requirements,
    string RequestedBy,
    Instant RecordedAt
);

/// <summary>
/// Request: retire credits against line <paramref name="Requirement"/> (0-based) of a consent's obligation, by the
/// developer (what it still owes) or by the Biodiversity Conservation Fund (what it owes after a payment); a trader
/// of that participant, or a regulator. The credits must match the line like for like
/// (<see cref="ObligationCreditsRetired"/>). Rejected: CONSENT_UNKNOWN, REQUIREMENT_UNKNOWN, NOT_OBLIGED (the
/// participant owes nothing on that line), EXCEEDS_OBLIGATION, NOT_LIKE_FOR_LIKE with the rule broken,
/// NOT_BIODIVERSITY_CREDIT, and the retirement's own reasons (INSUFFICIENT_UNITS, INVALID_QUANTITY, ...).
/// </summary>
public sealed record RetireAgainstObligation(
    Guid RetirementId,
    Guid ConsentId,
    int Requirement,
    string ParticipantId,
    string InstrumentId,
    decimal Quantity,
    string RequestedBy
);

/// <summary>
/// Event (stream <c>consent:{consentId}</c>): credits retired against a line of the obligation (the retirement's
/// public record is <c>retirement:{retirementId}</c>). <paramref name="ByFund"/> when the fund retired them for credits it owed.
/// </summary>
public sealed record ObligationCreditsRetired(
    Guid ConsentId,
    int Requirement,
    Guid RetirementId,
    string ParticipantId,
    string InstrumentId,
    Quantity Quantity,
    bool ByFund,
    Instant RetiredAt
);

/// <summary>
/// Request: the developer pays the Biodiversity Conservation Fund for <paramref name="Credits"/> credits of a line
/// instead of retiring them, at the line's charge; the payment moves from its cash account to the fund's
/// (<c>Biodiversity:FundAccountId</c>) and the fund owes those credits. The developer's trader or a regulator.
/// Rejected: CONSENT_UNKNOWN, REQUIREMENT_UNKNOWN, NOT_DEVELOPER (<paramref name="PayerId"/> is not the consent's
/// developer), EXCEEDS_OBLIGATION, INVALID_QUANTITY, PARTICIPANT_UNKNOWN (no fund account), INSUFFICIENT_CASH.
/// </summary>
public sealed record PayConservationFund(
    Guid PaymentId,
    Guid ConsentId,
    int Requirement,
    string PayerId,
    decimal Credits,
    string RequestedBy
);

/// <summary>
/// Event (stream <c>consent:{consentId}</c>): the developer paid <paramref name="Amount"/> for <paramref name="Credits"/>
/// credits of a line: credits times the charge, rounded half up to 0.01 CNY. The fund now owes those credits.
/// </summary>
public sealed record ConservationFundPaid(
    Guid ConsentId,
    int Requirement,
    Guid PaymentId,
    decimal Credits,
    Money Amount,
    string FundAccountId,
    Instant PaidAt
);

/// <summary>Request: a consent's obligation and where it stands (public, as the scheme's registers are).</summary>
public sealed record GetObligation(Guid ConsentId);

/// <summary>Reply to <see cref="GetObligation"/>; <paramref name="Status"/> is Unknown when there is no such consent.</summary>
/// <param name="Status">Outstanding (nothing met), PartlyMet, or Discharged (every line met by credits retired or paid for).</param>
/// <param name="Transactions">Every retirement and fund payment against the obligation, oldest first.</param>
public sealed record ObligationView(
    Guid ConsentId,
    string Status,
    DevelopmentConsentRecorded? Consent,
    IReadOnlyList<RequirementStanding> Lines,
    IReadOnlyList<ObligationTransaction> Transactions
);

/// <summary>One transaction against an obligation.</summary>
/// <param name="Kind">
/// <c>Retired</c> (credits the developer retired), <c>FundPaid</c> (the developer paid the fund instead) or
/// <c>RetiredByFund</c> (credits the fund retired for what it was paid).
/// </param>
/// <param name="InstrumentId">The credits retired; null for a payment.</param>
/// <param name="Amount">The payment; null for a retirement.</param>
/// <param name="Reference">The retirement's or the payment's id.</param>
public sealed record ObligationTransaction(
    string Kind,
    int Requirement,
    string ParticipantId,
    string? InstrumentId,
    decimal Credits,
    Money? Amount,
    Guid Reference,
    Instant At
);

/// <summary>Where one line of an obligation stands, in credits.</summary>
/// <param name="RetiredByDeveloper">Credits the developer retired against it.</param>
/// <param name="PaidToFund">Credits the developer paid the fund for instead.</param>
/// <param name="RetiredByFund">Credits the fund retired for the ones it was paid for.</param>
/// <param name="OwedByDeveloper">Required less retired by the developer and paid for.</param>
/// <param name="OwedByFund">Paid for less retired by the fund.</param>
public sealed record RequirementStanding(
    int Requirement,
    CreditRequirement Line,
    decimal RetiredByDeveloper,
    decimal PaidToFund,
    decimal RetiredByFund,
    decimal OwedByDeveloper,
    decimal OwedByFund
);

/// <summary>
/// Request: the public register of one biodiversity credit instrument's transactions (public, as the scheme's registers
/// are).
/// </summary>
public sealed record GetCreditRegister(string InstrumentId);

/// <summary>
/// Reply to <see cref="GetCreditRegister"/>; <paramref name="Listed"/> is false for an unknown instrument or one of
/// another class.
/// </summary>
/// <param name="Transactions">Every issuance, trade, transfer and retirement of the credits, oldest first.</param>
public sealed record CreditRegister(string InstrumentId, bool Listed, IReadOnlyList<CreditTransaction> Transactions);

/// <summary>One transaction of credits, in the credits' unit.</summary>
/// <param name="Kind">
/// <c>Issued</c> (to <paramref name="To"/>), <c>Traded</c> (on the exchange, at <paramref name="Price"/>), <c>Transferred</c>
/// (off the exchange, at the price the parties recorded, if any) or <c>Retired</c> (by <paramref name="From"/>).
/// </param>
/// <param name="Price">CNY per credit; null for an issuance, a retirement, or a transfer recorded without a price.</param>
/// <param name="Reference">The issuance, settlement, transfer or retirement it belongs to.</param>
public sealed record CreditTransaction(
    string Kind,
    Instant At,
    decimal Quantity,
    decimal? Price,
    string? From,
    string? To,
    string Reference
);
