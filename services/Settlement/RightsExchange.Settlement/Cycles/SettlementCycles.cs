using System.Collections.Concurrent;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Settlement.Cycles;

/// <summary>
/// Settlement cycles (section <c>Settlement</c>): <c>Cycles</c> maps an instrument class to
/// <see cref="SettlementCycle.RealTimeGross"/> (the default) or <see cref="SettlementCycle.EndOfDayNet"/>; net cycles
/// run daily at <c>NetCutOff</c> (15:15) in <c>TimeZone</c> (Asia/Shanghai), after the national market's 15:00 close.
/// </summary>
public sealed class SettlementCycleSettings
{
    public Dictionary<string, string> Cycles { get; set; } = new();
    public TimeSpan NetCutOff { get; set; } = new(15, 15, 0);
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>False turns the daily cut-off off (on-demand cycles still run).</summary>
    public bool Daily { get; set; } = true;
}

/// <summary>Where and when one trade settles.</summary>
public sealed record CyclePlan(string Cycle, LocalDate? CycleDate, Instant? CutOff);

/// <summary>A listed instrument's class, as settlement learnt it from <see cref="InstrumentListed"/>.</summary>
public sealed record ListedInstrument(string Id, InstrumentClass Class);

/// <summary>
/// Plans each trade's cycle from its instrument's class. Throws <see cref="InvalidOperationException"/> for an
/// instrument settlement has not yet learnt of (the trade is retried, then dead-lettered with an alert).
/// </summary>
public sealed class SettlementCycles(IDocumentStore store, IOptions<SettlementCycleSettings> settings)
{
    private readonly ConcurrentDictionary<string, InstrumentClass> _classes = new();

    public DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb[settings.Value.TimeZone];

    public void Learn(ListedInstrument instrument) => _classes[instrument.Id] = instrument.Class;

    public async Task<CyclePlan> PlanFor(string instrumentId, Instant executedAt, CancellationToken ct)
    {
        if (!_classes.TryGetValue(instrumentId, out var @class))
        {
            await using var query = store.QuerySession();
            var listed = await query.LoadAsync<ListedInstrument>(instrumentId, ct)
                ?? throw new InvalidOperationException($"Settlement has not learnt instrument {instrumentId} yet.");
            Learn(listed);
            @class = listed.Class;
        }
        return Plan(@class, executedAt, settings.Value, Zone);
    }

    /// <summary>
    /// The plan for a trade of <paramref name="class"/> executed at <paramref name="executedAt"/>: gross, or the net
    /// cycle of its day (the next day's when it executed after the cut-off).
    /// </summary>
    public static CyclePlan Plan(InstrumentClass @class, Instant executedAt, SettlementCycleSettings settings, DateTimeZone zone)
    {
        if (settings.Cycles.GetValueOrDefault(@class.ToString()) != SettlementCycle.EndOfDayNet)
            return new CyclePlan(SettlementCycle.RealTimeGross, null, null);
        var cutOffTime = LocalTime.FromTicksSinceMidnight(settings.NetCutOff.Ticks);
        var date = executedAt.InZone(zone).Date;
        var cutOff = (date + cutOffTime).InZoneLeniently(zone).ToInstant();
        if (executedAt > cutOff)
        {
            date = date.PlusDays(1);
            cutOff = (date + cutOffTime).InZoneLeniently(zone).ToInstant();
        }
        return new CyclePlan(SettlementCycle.EndOfDayNet, date, cutOff);
    }
}

/// <summary>Learns each listed instrument's class (stored as <see cref="ListedInstrument"/>) to plan its trades' cycle.</summary>
public sealed class InstrumentListedConsumer(IDocumentStore store, SettlementCycles cycles) : IConsumer<MessageBatch<InstrumentListed>>
{
    public async Task Consume(ConsumeContext<MessageBatch<InstrumentListed>> context)
    {
        var listed = context.Message.Entries.Select(e => new ListedInstrument(e.Message.InstrumentId, e.Message.Class)).ToList();
        await using var session = store.LightweightSession();
        foreach (var instrument in listed)
            session.Store(instrument);
        await session.SaveChangesAsync(context.CancellationToken);
        foreach (var instrument in listed)
            cycles.Learn(instrument);
    }
}
