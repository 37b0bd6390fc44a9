using NodaTime;

// Settlement cycles: real-time gross and end-of-day net. Version 1.
// Real-time gross: TradeExecuted -> SettlementInstructed at once (see Settlements.cs).
// End-of-day net: TradeExecuted -> SettlementScheduled; at the cut-off (or when run on demand) settlement publishes one
// NetCycleInstructed -> accounts applies every settlement of the cycle in one commit, answers SettlementPosted or
// SettlementRefused per settlement and NetCycleSettled for the cycle.
namespace RightsExchange.Contracts.Settlement.V1;

/// <summary>The settlement cycles an instrument class can be configured with (section <c>Settlement:Cycles</c>).</summary>
public static class SettlementCycle
{
    /// <summary>Each trade settles on its own as soon as it executes (T+0). The default.</summary>
    public const string RealTimeGross = "RealTimeGross";

    /// <summary>Trades wait for the day's cut-off; then every participant's net obligations settle in one step.</summary>
    public const string EndOfDayNet = "EndOfDayNet";
}

/// <summary>Event (settlement): a trade of an end-of-day net class waits for its cycle.</summary>
/// <param name="Instructions">What will be instructed at the cut-off (fees from the schedule in force at execution).</param>
/// <param name="CycleDate">The trading day (Asia/Shanghai by default) whose cycle settles it.</param>
/// <param name="CutOff">The instant of that cycle's cut-off.</param>
public sealed record SettlementScheduled(SettlementInstructed Instructions, LocalDate CycleDate, Instant CutOff);

/// <summary>
/// Event (settlement, stream <c>cycle:{cycleId}</c>): one end-of-day net cycle. Accounts applies every settlement in
/// it in one transaction: each from its reservations as in a gross settlement, posted or refused on its own.
/// </summary>
/// <param name="Trigger">"cut-off" or "on-demand by {subject}".</param>
/// <param name="Obligations">Each participant's net obligations over the cycle, before any refusal.</param>
public sealed record NetCycleInstructed(
    string CycleId,
    LocalDate CycleDate,
    string Trigger,
    IReadOnlyList<SettlementInstructed> Settlements,
    IReadOnlyList<NetObligation> Obligations,
    Instant InstructedAt
);

/// <summary>
/// One participant's net movement in one asset over a cycle: positive receives, negative delivers or pays.
/// </summary>
/// <param name="Asset">An instrument id, or <c>CNY</c> for cash (consideration and fees).</param>
/// <param name="Unit">The instrument's unit, or <c>CNY</c>.</param>
public sealed record NetObligation(string ParticipantId, string Asset, string Unit, decimal Net)
{
    public const string Cash = "CNY";

    /// <summary>
    /// The net obligations of <paramref name="settlements"/>: units from sellers to buyers per instrument; cash from
    /// buyers (consideration plus fee) to sellers (consideration less fee) and the fees to
    /// <paramref name="feeAccountId"/>. Ordered by participant, then asset; every asset's nets sum to zero.
    /// </summary>
    public static IReadOnlyList<NetObligation> Of(IEnumerable<SettlementInstructed> settlements, string feeAccountId) =>
        settlements
            .SelectMany(s =>
                new[]
                {
                    new NetObligation(s.BuyerId, s.InstrumentId, s.Unit, s.Quantity),
                    new NetObligation(s.SellerId, s.InstrumentId, s.Unit, -s.Quantity),
                    new NetObligation(s.BuyerId, Cash, Cash, -(s.Consideration.Amount + s.BuyerFee.Amount)),
                    new NetObligation(s.SellerId, Cash, Cash, s.Consideration.Amount - s.SellerFee.Amount),
                    new NetObligation(feeAccountId, Cash, Cash, s.BuyerFee.Amount + s.SellerFee.Amount),
                }
            )
            .GroupBy(o => (o.ParticipantId, o.Asset, o.Unit))
            .Select(g => new NetObligation(g.Key.ParticipantId, g.Key.Asset, g.Key.Unit, g.Sum(o => o.Net)))
            .OrderBy(o => o.ParticipantId, StringComparer.Ordinal)
            .ThenBy(o => o.Asset == Cash ? 1 : 0)
            .ThenBy(o => o.Asset, StringComparer.Ordinal)
            .ToList();
}

/// <summary>Event (accounts, stream <c>cycle:{cycleId}</c>): a net cycle was applied in one commit.</summary>
/// <param name="Obligations">The net movements actually posted (the posted settlements only).</param>
public sealed record NetCycleSettled(
    string CycleId,
    IReadOnlyList<string> Posted,
    IReadOnlyList<string> Refused,
    IReadOnlyList<NetObligation> Obligations,
    Instant SettledAt
);

/// <summary>Request to settlement: run the end-of-day net cycle now, for every scheduled settlement, ahead of the cut-off.</summary>
public sealed record RunNetCycle(string RequestedBy);

/// <summary>Reply to <see cref="RunNetCycle"/>: the cycle instructed, or none when nothing was scheduled.</summary>
public sealed record NetCycleRun(string? CycleId, int Settlements, IReadOnlyList<NetObligation> Obligations);
