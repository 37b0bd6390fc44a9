using System.Text.Json;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Replay;

/// <summary>
/// A scenario file (deploy/scenarios/*.json): who exists, what is listed, issued and deposited, the orders to place,
/// the registry transactions made once the trades have settled, the ecological compensation agreements assessed, the
/// biodiversity offset obligations discharged, and the retail purchases made by members of the public.
/// </summary>
public sealed record Scenario(
    string Name,
    IReadOnlyList<ParticipantSpec> Participants,
    IReadOnlyList<JsonElement> Instruments,
    IReadOnlyList<IssuanceSpec> Issuances,
    IReadOnlyList<DepositSpec> Deposits,
    IReadOnlyList<CaseSpec> Cases,
    IReadOnlyList<RegistryActionSpec>? RegistryActions = null,
    IReadOnlyList<CompensationSpec>? Compensation = null,
    IReadOnlyList<ConsentSpec>? Biodiversity = null,
    IReadOnlyList<RetailSpec>? Retail = null
)
{
    public static Scenario Load(string path) =>
        JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), ContractJson.Web())
        ?? throw new InvalidDataException($"{path} holds no scenario");
}

public sealed record ParticipantSpec(string ParticipantId, string Name, ParticipantKind Kind, string Region);

/// <param name="Project">Credits and sinks: the project the batch comes from (an issuance names it or the issuing body).</param>
public sealed record IssuanceSpec(
    string InstrumentId,
    string ParticipantId,
    decimal Quantity,
    string? Project = null,
    string? IssuingBody = null
);

public sealed record DepositSpec(string ParticipantId, decimal Amount);

/// <summary>One documented trade (a row of documented-trades.md) and the orders that reproduce it.</summary>
/// <param name="ExpectedQuantity">Units that must trade and settle, in the instrument's unit.</param>
/// <param name="PublishedTotal">The total (CNY) the source publishes, when it does; shown beside the settled total.</param>
/// <param name="Block">A block agreement (大宗协议): the first order is proposed to the second's participant, who accepts it.</param>
public sealed record CaseSpec(
    string Row,
    string Title,
    string InstrumentId,
    decimal ExpectedQuantity,
    decimal? PublishedTotal,
    IReadOnlyList<OrderSpec> Orders,
    bool Block = false
);

public sealed record OrderSpec(string ParticipantId, Side Side, decimal Quantity, decimal LimitPrice);

/// <summary>
/// A registry transaction of the scenario. <paramref name="Kind"/>: <c>Pledge</c> (to <paramref name="Counterparty"/>),
/// <c>Retire</c> (for <paramref name="Beneficiary"/>), or <c>CrossBasinTransfer</c> (to <paramref name="Counterparty"/>,
/// outside the right's basin: refused first, then made once a regulator approved the counterparty's request), or
/// <c>Surrender</c> (a regulator records <paramref name="Emissions"/> for <paramref name="Period"/>, by default the year
/// just ended in Asia/Shanghai, so its deadline, 31 December of this year, is still ahead; the entity surrenders
/// <paramref name="OffsetInstrumentId"/> up to its compliance share, after one try beyond it, and
/// <paramref name="InstrumentId"/> for the rest), or <c>SurrenderShortfall</c> (a government surrenders indicator units
/// against the shortfall an indicator-target assessment recorded for <paramref name="Period"/>), or <c>ForwardPledge</c>
/// (the <paramref name="Quantity"/> <paramref name="Project"/> is still to be issued, pledged to <paramref name="Counterparty"/>
/// for <paramref name="Loan"/>; then <paramref name="Tranche"/> units issued to the project arrive pledged).
/// </summary>
public sealed record RegistryActionSpec(
    string Row,
    string Kind,
    string Title,
    string ParticipantId,
    string InstrumentId,
    decimal Quantity,
    string? Counterparty = null,
    decimal? Price = null,
    string? Beneficiary = null,
    string? Purpose = null,
    string? Reference = null,
    string? Reason = null,
    string? OffsetInstrumentId = null,
    int? Period = null,
    decimal? Emissions = null,
    string? Project = null,
    LoanSpec? Loan = null,
    decimal? Tranche = null
)
{
    /// <summary>The offsets a <c>Surrender</c> uses: its emissions times the offset instrument's compliance share, whole tonnes
    /// down.</summary>
    public decimal OffsetQuantity(Scenario scenario) =>
        Math.Floor(
            Emissions!.Value
                * scenario
                    .Instruments.Single(i => i.GetProperty("instrumentId").GetString() == OffsetInstrumentId)
                    .GetProperty("complianceShare")
                    .GetDecimal()
        );
}

/// <summary>The loan a forward pledge secures: CNY lent, its maturity, and the repurchase price (CNY, whole) and day.</summary>
public sealed record LoanSpec(decimal Amount, string Maturity, decimal RepurchasePrice, string RepurchaseDate);

/// <summary>
/// An ecological compensation agreement of the source reports: its parties' deposits, the agreement as proposed through
/// the API (<paramref name="Agreement"/>, the request body), the values <paramref name="MonitoringBody"/> records, and
/// each assessed year with the decision and payments the published rule gives for those values.
/// </summary>
/// <param name="Note">What in the case is published and what is illustrative (the reports give no monitoring values).</param>
/// <param name="Amendments">Later rounds, each an amendment request body (<c>terms</c>, <c>reason</c>), made once concluded.</param>
public sealed record CompensationSpec(
    string Row,
    string Title,
    string Note,
    string MonitoringBody,
    IReadOnlyList<DepositSpec> Deposits,
    JsonElement Agreement,
    IReadOnlyList<ObservationSpec> Observations,
    IReadOnlyList<AssessmentSpec> Assessments,
    IReadOnlyList<JsonElement>? Amendments = null
);

public sealed record ObservationSpec(string Section, string Indicator, int Year, decimal Value);

/// <summary>
/// A year to assess, and what the agreement's rule decides for it: the decision and every payment (CNY); for an indicator
/// target (<paramref name="Status"/> Issued), the indicator units <paramref name="Issued"/> to the districts above target.
/// </summary>
public sealed record AssessmentSpec(
    int Year,
    string Decision,
    IReadOnlyList<PaymentSpec> Payments,
    string Status = "Paid",
    IReadOnlyList<IssuedSpec>? Issued = null
);

/// <summary>Indicator units an assessment issues to a party, in the agreement's indicator instrument.</summary>
public sealed record IssuedSpec(string ParticipantId, decimal Quantity);

public sealed record PaymentSpec(string PayerId, string PayeeId, decimal Amount);

/// <summary>
/// A development consent's biodiversity offset obligation (<paramref name="Consent"/>, the request body), discharged
/// by the developer retiring <paramref name="Retirements"/> and paying the fund for <paramref name="FundPayments"/>, to
/// <paramref name="ExpectedStatus"/>.
/// </summary>
public sealed record ConsentSpec(
    string Row,
    string Title,
    string Note,
    JsonElement Consent,
    IReadOnlyList<ObligationRetirementSpec> Retirements,
    IReadOnlyList<FundPaymentSpec> FundPayments,
    string ExpectedStatus
);

/// <summary>Credits of <paramref name="InstrumentId"/> the developer retires against line <paramref name="Requirement"/>.</summary>
public sealed record ObligationRetirementSpec(int Requirement, string InstrumentId, decimal Quantity);

/// <summary>Credits of line <paramref name="Requirement"/> the developer pays the fund for, and what that costs (CNY).</summary>
public sealed record FundPaymentSpec(int Requirement, decimal Credits, decimal Amount);

/// <summary>
/// A one-yuan sink: <paramref name="SellerId"/> offers <paramref name="Offered"/> units of <paramref name="InstrumentId"/> at
/// <paramref name="Price"/> CNY each; <paramref name="Buyer"/> signs up, has <paramref name="Deposit"/> CNY deposited, and
/// buys for <paramref name="Amount"/> CNY for <paramref name="Beneficiary"/>, which must buy <paramref name="ExpectedQuantity"/>
/// for <paramref name="ExpectedPaid"/> CNY, <paramref name="SellerReceives"/> of it to the seller; the seller then withdraws the rest.
/// </summary>
public sealed record RetailSpec(
    string Row,
    string Title,
    string Note,
    string SellerId,
    string InstrumentId,
    decimal Price,
    decimal Offered,
    IndividualSpec Buyer,
    decimal Deposit,
    decimal Amount,
    string Beneficiary,
    decimal ExpectedQuantity,
    decimal ExpectedPaid,
    decimal SellerReceives
);

/// <summary>A member of the public as the identity provider names them (<paramref name="Subject"/>), and how they sign up.</summary>
public sealed record IndividualSpec(string Subject, string Name, string Region);
