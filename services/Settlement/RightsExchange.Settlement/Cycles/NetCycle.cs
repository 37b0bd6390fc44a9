using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.Settlement.Cycles;

/// <summary>
/// Runs an end-of-day net cycle: in one commit of the settlement writer, every scheduled settlement due (or every one,
/// on demand) is marked <see cref="SettlementNetted"/> and one <see cref="NetCycleInstructed"/> is recorded in stream
/// <c>cycle:{cycleId}</c>, carrying each settlement's instructions and the participants' net obligations. Accounts
/// applies the cycle in one commit; each settlement then completes as a gross one does.
/// </summary>
public sealed class NetCycles(
    SettlementWriter writer,
    SettlementCycles cycles,
    IOptions<ExchangeSettings> exchange,
    ILogger<NetCycles> logger
)
{
    public const string StreamPrefix = "cycle:";

    /// <param name="dueOnly">True at the cut-off: only settlements whose cut-off has passed.</param>
    public async Task<NetCycleRun> Run(string trigger, bool dueOnly, CancellationToken ct)
    {
        var run = new NetCycleRun(null, 0, []);
        await writer.Execute(
            Guid.NewGuid(),
            nameof(RunNetCycle),
            async commit =>
            {
                var scheduled = await commit
                    .Streams.Session.Query<TradeSettlement>()
                    .Where(s => s.Status == TradeSettlement.Scheduled)
                    .ToListAsync(ct);
                var due = scheduled
                    .Where(s => !dueOnly || s.CutOff <= commit.Now)
                    .OrderBy(s => s.ExecutedAt)
                    .ThenBy(s => s.Instructions.SettlementId, StringComparer.Ordinal)
                    .ToList();
                if (due.Count == 0)
                    return false;

                var date = commit.Now.InZone(cycles.Zone).Date;
                var cycleId = $"{date:yyyyMMdd}-{Guid.NewGuid().ToString("N")[..8]}";
                var instructions = new List<SettlementInstructed>(due.Count);
                foreach (var s in due)
                {
                    var settlement = await commit.Settlement(s.Instructions.SettlementId);
                    if (settlement.State is not { Status: TradeSettlement.Scheduled })
                        continue;
                    settlement.Append(new SettlementNetted(s.Instructions.SettlementId, cycleId, commit.Now));
                    instructions.Add(settlement.State.Instructions);
                }
                var obligations = NetObligation.Of(instructions, exchange.Value.FeeAccountId);
                commit.Streams.Session.Events.StartStream(
                    StreamPrefix + cycleId,
                    new NetCycleInstructed(cycleId, date, trigger, instructions, obligations, commit.Now)
                );
                run = new NetCycleRun(cycleId, instructions.Count, obligations);
                return true;
            },
            ct
        );
        if (run.CycleId is not null)
            logger.LogInformation("Net cycle {CycleId} ({Trigger}) instructed {Count} settlements", run.CycleId, trigger, run.Settlements);
        return run;
    }
}

/// <summary>Answers <see cref="RunNetCycle"/>: the cycle run now for every scheduled settlement.</summary>
public sealed class RunNetCycleConsumer(NetCycles cycles) : IConsumer<RunNetCycle>
{
    public async Task Consume(ConsumeContext<RunNetCycle> context) =>
        await context.RespondAsync(
            await cycles.Run($"on-demand by {context.Message.RequestedBy}", dueOnly: false, context.CancellationToken)
        );
}

/// <summary>
/// Runs the net cycle at each day's cut-off (<see cref="SettlementCycleSettings.NetCutOff"/>, zoned), and once at start
/// for any cycle whose cut-off passed while the service was down.
/// </summary>
public sealed class EndOfDayNetCycle(
    NetCycles netCycles,
    SettlementCycles cycles,
    IClock clock,
    IOptions<SettlementCycleSettings> settings,
    ILogger<EndOfDayNetCycle> logger
) : DailyJob(clock, logger)
{
    protected override string Name => "The end-of-day net cycle";

    protected override LocalTime RunsAt => LocalTime.FromTicksSinceMidnight(settings.Value.NetCutOff.Ticks);

    protected override DateTimeZone Zone => cycles.Zone;

    protected override bool Enabled => settings.Value.Daily;

    protected override Task Run(CancellationToken ct) => netCycles.Run("cut-off", dueOnly: true, ct);
}
