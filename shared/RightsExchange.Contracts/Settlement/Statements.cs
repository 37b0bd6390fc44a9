using NodaTime;

// A participant's daily settlement statement (the settlement service). Version 1.
namespace RightsExchange.Contracts.Settlement.V1;

/// <summary>Request to settlement: a participant's statement for one trading day.</summary>
/// <param name="Date">The day in the statement time zone (Asia/Shanghai by default).</param>
public sealed record GetDailyStatement(string ParticipantId, LocalDate Date);

/// <summary>
/// Reply to <see cref="GetDailyStatement"/>: the participant's trades executed that day with their fees and
/// settlement state, and its net movements per instrument and in CNY over the settled ones; and the compensation
/// payments to or from it settlement instructed that day.
/// </summary>
/// <param name="FeesPaid">CNY, over settled trades.</param>
/// <param name="NetMovements">Over settled trades (compensation payments are in <paramref name="Compensation"/>).</param>
/// <param name="Compensation">Each compensation payment the participant made or received, in the order instructed.</param>
public sealed record DailyStatement(
    string ParticipantId,
    LocalDate Date,
    string TimeZone,
    IReadOnlyList<StatementTrade> Trades,
    decimal FeesPaid,
    IReadOnlyList<NetObligation> NetMovements,
    Instant IssuedAt,
    IReadOnlyList<StatementCompensation>? Compensation = null
);

/// <summary>
/// One compensation payment on a statement, from the participant's side: <paramref name="Amount"/> CNY, positive
/// received, negative paid, to or from <paramref name="Counterparty"/> under an agreement's assessed year.
/// </summary>
/// <param name="Status">Instructed, Settled or Failed (<paramref name="FailureReason"/> then says why; nothing moved).</param>
public sealed record StatementCompensation(
    string SettlementId,
    Guid AgreementId,
    int Year,
    string Counterparty,
    decimal Amount,
    string Status,
    string? FailureReason,
    Instant InstructedAt
);

/// <summary>One trade on a statement, from the participant's side.</summary>
/// <param name="Side">Buy or Sell.</param>
/// <param name="Cycle">RealTimeGross or EndOfDayNet.</param>
/// <param name="Status">Scheduled, Instructed, Settled or Failed.</param>
public sealed record StatementTrade(
    string TradeId,
    string InstrumentId,
    string Side,
    decimal Quantity,
    string Unit,
    decimal Price,
    decimal Consideration,
    decimal Fee,
    string Counterparty,
    string Cycle,
    string Status,
    string? FailureReason,
    Instant ExecutedAt,
    Instant? SettledAt
);
