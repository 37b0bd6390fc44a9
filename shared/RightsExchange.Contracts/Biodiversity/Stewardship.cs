using NodaTime;
using RightsExchange.Contracts.Values;

// Biodiversity stewardship agreements (NSW Biodiversity Conservation Act 2016 Part 5 Division 2). Version 1. A land
// holder who generates credits on a stewardship site pays the Total Fund Deposit into the Biodiversity Stewardship
// Payments Fund out of its credit sales (the registry takes the proceeds of each sale on the exchange as it settles,
// and the land holder may pay in more itself); once enough of it is in, the fund pays the land holder a yearly amount
// for managing the site, every day's due payments made by the registry. Stream stewardship:{agreementId} in accounts.
namespace RightsExchange.Contracts.Biodiversity.V1;

/// <summary>
/// Request (a regulator, for the Biodiversity Conservation Trust): record a stewardship agreement. Rejected:
/// PARTICIPANT_UNKNOWN, AGREEMENT_EXISTS, INVALID_AGREEMENT (no credit instrument or one that is not a listed
/// biodiversity credit, an amount not positive or finer than 0.01 CNY, years not positive).
/// </summary>
/// <param name="Site">The stewardship site's name.</param>
/// <param name="CreditInstrumentIds">The biodiversity credits the site generates.</param>
/// <param name="TotalFundDeposit">CNY the land holder pays into the Biodiversity Stewardship Payments Fund from its credit sales.</param>
/// <param name="AnnualPayment">CNY the fund pays the land holder each year once payments have begun.</param>
/// <param name="Years">How many yearly payments the agreement provides.</param>
public sealed record RegisterStewardshipAgreement(
    Guid AgreementId,
    string LandholderId,
    string Site,
    IReadOnlyList<string> CreditInstrumentIds,
    Money TotalFundDeposit,
    Money AnnualPayment,
    int Years,
    string RequestedBy
);

/// <summary>Event (stream <c>stewardship:{agreementId}</c>): a stewardship agreement recorded.</summary>
public sealed record StewardshipAgreementRegistered(
    Guid AgreementId,
    string LandholderId,
    string Site,
    IReadOnlyList<string> CreditInstrumentIds,
    Money TotalFundDeposit,
    Money AnnualPayment,
    int Years,
    string RequestedBy,
    Instant RegisteredAt
);

/// <summary>
/// Request: the land holder pays credit-sale proceeds into the Biodiversity Stewardship Payments Fund toward the Total
/// Fund Deposit, from its cash account to the fund's (<c>Biodiversity:StewardshipFundAccountId</c>). Its trader or a
/// regulator. Rejected: AGREEMENT_UNKNOWN, NOT_LANDHOLDER, INVALID_AMOUNT (not positive, finer than 0.01 CNY, or more
/// than the deposit still owed), PARTICIPANT_UNKNOWN (no fund account), INSUFFICIENT_CASH.
/// </summary>
public sealed record PayStewardshipDeposit(Guid PaymentId, Guid AgreementId, string PayerId, decimal Amount, string RequestedBy);

/// <summary>
/// Event (stream <c>stewardship:{agreementId}</c>): part of the Total Fund Deposit paid; <paramref name="Deposited"/>
/// is the total so far.
/// </summary>
/// <param name="FromSettlement">
/// The settlement of a sale of the site's credits whose proceeds paid it (the registry takes them as the trade settles);
/// null for a payment the land holder made itself.
/// </param>
public sealed record StewardshipDepositPaid(
    Guid AgreementId,
    Guid PaymentId,
    Money Amount,
    Money Deposited,
    Instant PaidAt,
    string? FromSettlement = null
);

/// <summary>
/// Event (stream <c>stewardship:{agreementId}</c>): the deposit reached the share of the Total Fund Deposit at which
/// payments to the land holder begin (<c>Biodiversity:StewardshipPaymentThreshold</c>, 80 %); the first payment is due
/// on <paramref name="FirstPaymentDue"/> (Asia/Shanghai), the next ones on its anniversaries.
/// </summary>
public sealed record StewardshipPaymentsBegan(Guid AgreementId, LocalDate FirstPaymentDue, Instant At);

/// <summary>
/// Request (a regulator, for the fund manager): pay the land holder every yearly payment that has fallen due and is not
/// paid yet, from the fund's cash account to the land holder's. The registry also makes it itself every day
/// (<c>Biodiversity:StewardshipPaymentsRunAt</c>). Rejected: AGREEMENT_UNKNOWN, NOTHING_DUE (payments have not begun,
/// or this year's is paid), INSUFFICIENT_CASH (the fund cannot pay what is due).
/// </summary>
public sealed record PayStewardshipInstalments(Guid AgreementId, string RequestedBy);

/// <summary>
/// Event (stream <c>stewardship:{agreementId}</c>): yearly payment <paramref name="Year"/> (1 for the first) paid to
/// the land holder.
/// </summary>
public sealed record StewardshipPaymentMade(Guid AgreementId, int Year, Money Amount, LocalDate DueOn, Instant PaidAt);

/// <summary>Request: a stewardship agreement and where it stands (public).</summary>
public sealed record GetStewardshipAgreement(Guid AgreementId);

/// <summary>Reply to <see cref="GetStewardshipAgreement"/>; <paramref name="Agreement"/> is null when there is no such agreement.</summary>
/// <param name="Deposited">CNY of the Total Fund Deposit paid so far.</param>
/// <param name="FirstPaymentDue">Set once the payments to the land holder have begun.</param>
/// <param name="Payments">The yearly payments made, first first.</param>
public sealed record StewardshipAgreementView(
    Guid AgreementId,
    StewardshipAgreementRegistered? Agreement,
    Money Deposited,
    LocalDate? FirstPaymentDue,
    IReadOnlyList<StewardshipPaymentMade> Payments
);
