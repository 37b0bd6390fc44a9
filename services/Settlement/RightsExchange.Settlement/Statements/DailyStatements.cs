using Marten;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Settlement.Compensation;
using RightsExchange.Settlement.Cycles;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.Settlement.Statements;

/// <summary>
/// Answers <see cref="GetDailyStatement"/> from the settlement ledger: every trade of the participant executed that
/// day (in the cycle time zone), from its side, with its fee, cycle and state; the fees paid and the net movements
/// per instrument and in CNY over the settled ones; and the compensation payments to or from it instructed that day.
/// </summary>
public sealed class GetDailyStatementConsumer(IQuerySession session, SettlementCycles cycles, IClock clock) : IConsumer<GetDailyStatement>
{
    public async Task Consume(ConsumeContext<GetDailyStatement> context)
    {
        var (participant, date) = (context.Message.ParticipantId, context.Message.Date);
        var from = date.AtStartOfDayInZone(cycles.Zone).ToInstant();
        var to = date.PlusDays(1).AtStartOfDayInZone(cycles.Zone).ToInstant();
        var settlements = await session
            .Query<TradeSettlement>()
            .Where(s => s.Instructions.BuyerId == participant || s.Instructions.SellerId == participant)
            .ToListAsync(context.CancellationToken);
        var ofDay = settlements.Where(s => s.ExecutedAt >= from && s.ExecutedAt < to).ToList();
        var compensations = (await session.Query<CompensationSettlement>().ToListAsync(context.CancellationToken)).Where(c =>
            c.Instructions.InstructedAt >= from && c.Instructions.InstructedAt < to
        );
        await context.RespondAsync(
            Of(participant, date, cycles.Zone.Id, ofDay, clock.GetCurrentInstant()) with
            {
                Compensation = CompensationLines(participant, compensations),
            }
        );
    }

    /// <summary>
    /// The payments of <paramref name="settlements"/> to or from <paramref name="participant"/>, in the order instructed.
    /// </summary>
    public static IReadOnlyList<StatementCompensation> CompensationLines(
        string participant,
        IEnumerable<CompensationSettlement> settlements
    ) =>
        [
            .. settlements
                .OrderBy(c => c.Instructions.InstructedAt)
                .ThenBy(c => c.Instructions.SettlementId, StringComparer.Ordinal)
                .SelectMany(c =>
                    c.Instructions.Payments.Where(p => p.PayerId == participant || p.PayeeId == participant)
                        .Select(p => new StatementCompensation(
                            c.Instructions.SettlementId,
                            c.Instructions.AgreementId,
                            c.Instructions.Year,
                            p.PayerId == participant ? p.PayeeId : p.PayerId,
                            p.PayerId == participant ? -p.Amount : p.Amount,
                            c.Status,
                            c.FailureReason,
                            c.Instructions.InstructedAt
                        ))
                ),
        ];

    /// <summary>The statement of <paramref name="participant"/> over <paramref name="settlements"/> (those of one day).</summary>
    public static DailyStatement Of(
        string participant,
        LocalDate date,
        string zone,
        IEnumerable<TradeSettlement> settlements,
        Instant issuedAt
    )
    {
        var lines = settlements.OrderBy(s => s.ExecutedAt).ThenBy(s => s.Instructions.SettlementId, StringComparer.Ordinal).ToList();
        var trades = lines
            .Select(s =>
            {
                var i = s.Instructions;
                var buyer = i.BuyerId == participant;
                return new StatementTrade(
                    i.SettlementId,
                    i.InstrumentId,
                    buyer ? "Buy" : "Sell",
                    i.Quantity,
                    i.Unit,
                    i.Price,
                    i.Consideration.Amount,
                    buyer ? i.BuyerFee.Amount : i.SellerFee.Amount,
                    buyer ? i.SellerId : i.BuyerId,
                    s.Cycle,
                    s.Status,
                    s.FailureReason,
                    i.ExecutedAt,
                    s.SettledAt
                );
            })
            .ToList();
        var settled = lines.Where(s => s.Status == TradeSettlement.Settled).Select(s => s.Instructions).ToList();
        var net = NetObligation.Of(settled, feeAccountId: "").Where(o => o.ParticipantId == participant).ToList();
        var fees = trades.Where(t => t.Status == TradeSettlement.Settled).Sum(t => t.Fee);
        return new DailyStatement(participant, date, zone, trades, fees, net, issuedAt);
    }
}
