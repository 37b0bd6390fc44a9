using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Transfers;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Corridors;

/// <summary>
/// A configured corridor (<c>Registry:WaterCorridors</c>): water rights of basin <see cref="FromBasin"/> may move to
/// participants whose home region lies in <see cref="ToRegion"/>, up to <see cref="VolumePerYear"/> (the right's unit,
/// m³/yr) a year, Asia/Shanghai. Source: the Murray-Darling Basin's inter-valley trade limits (market-rules.md).
/// </summary>
public sealed class WaterCorridorSettings
{
    public string Id { get; set; } = "";
    public string FromBasin { get; set; } = "";
    public string ToRegion { get; set; } = "";
    public decimal VolumePerYear { get; set; }

    /// <summary>True when a water right of <paramref name="basin"/> moving to a participant of <paramref name="homeRegion"/> takes this
    /// corridor.</summary>
    public bool Carries(string basin, string homeRegion) =>
        basin == FromBasin && (homeRegion == ToRegion || homeRegion.StartsWith(ToRegion + "-", StringComparison.Ordinal));
}

/// <summary>A transfer waiting for corridor capacity.</summary>
public sealed record QueuedTransfer(TransferUnits Request, Instant QueuedAt);

/// <summary>
/// A corridor's use (stream <c>corridor:{id}</c>): the volume used per year (transfers out of the basin less those
/// back into it), and the queue, first come first served.
/// </summary>
public sealed record CorridorUse(
    string Id,
    IReadOnlyDictionary<int, decimal> UsedByYear,
    IReadOnlyList<QueuedTransfer> Queue,
    IReadOnlyList<DroppedCorridorTransfer> Dropped
) : IFold<CorridorUse>
{
    public static string StreamPrefix => "corridor:";

    public decimal UsedIn(int year) => UsedByYear.GetValueOrDefault(year);

    public static CorridorUse? Fold(CorridorUse? state, string streamKey, object @event)
    {
        var s = state ?? new CorridorUse(streamKey, new Dictionary<int, decimal>(), [], []);
        return @event switch
        {
            CorridorTransferQueued e => s with { Queue = [.. s.Queue, new QueuedTransfer(e.Request, e.At)] },
            CorridorTransferMade e => s with
            {
                UsedByYear = new Dictionary<int, decimal>(s.UsedByYear) { [e.Year] = s.UsedIn(e.Year) + e.Quantity },
                Queue = s.Queue.Where(q => q.Request.TransferId != e.TransferId).ToList(),
            },
            CorridorTransferDropped e => s with
            {
                Queue = s.Queue.Where(q => q.Request.TransferId != e.TransferId).ToList(),
                Dropped = [.. s.Dropped, new DroppedCorridorTransfer(e.TransferId, e.Reason, e.Detail, e.At)],
            },
            CorridorCapacityReturned e => s with
            {
                UsedByYear = new Dictionary<int, decimal>(s.UsedByYear) { [e.Year] = s.UsedIn(e.Year) - e.Quantity },
            },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a corridor event"),
        };
    }
}

/// <summary>A transfer waited in the corridor's queue.</summary>
public sealed record CorridorTransferQueued(TransferUnits Request, decimal RemainingThen, Instant At);

/// <summary>A transfer went through the corridor, using <paramref name="Quantity"/> of year <paramref name="Year"/>'s volume.</summary>
public sealed record CorridorTransferMade(Guid TransferId, decimal Quantity, int Year, Instant At);

/// <summary>A queued transfer failed its checks when its turn came and left the queue.</summary>
public sealed record CorridorTransferDropped(Guid TransferId, string Reason, string Detail, Instant At);

/// <summary>Water moved back into the basin from the corridor's region (a back-trade, or a reversal): that much volume is free again this
/// year.</summary>
public sealed record CorridorCapacityReturned(Guid TransferId, decimal Quantity, int Year, Instant At);

/// <summary>
/// Admission to and service of the corridors. A transfer goes through when nothing waits before it and the year's
/// volume left covers it; otherwise it is queued. Water moving back into the basin frees volume. The queue is served strictly in order: the
/// first transfer waits
/// until it fits, and one whose checks fail by then is dropped with the reason.
/// </summary>
public static class WaterCorridors
{
    /// <summary>The corridor a transfer of <paramref name="instrument"/> to a participant of <paramref name="homeRegion"/> takes, or
    /// null.</summary>
    public static WaterCorridorSettings? Route(LedgerUnit ledger, InstrumentListed instrument, string homeRegion) =>
        instrument.Class != InstrumentClass.WaterRight || ledger.RegionalRules.Covers(instrument.Region, homeRegion)
            ? null
            : ledger.Registry.WaterCorridors.FirstOrDefault(c => c.Carries(instrument.Region, homeRegion));

    private static int Year(LedgerUnit ledger) => ledger.Now.InZone(MarketTime.Zone).Year;

    private static Task<TrackedStream<CorridorUse>> Use(LedgerUnit ledger, WaterCorridorSettings corridor) =>
        ledger.Streams.Open<CorridorUse>(CorridorUse.StreamPrefix + corridor.Id);

    /// <summary>
    /// Makes checked transfer <paramref name="c"/> through <paramref name="corridor"/> now with <paramref name="make"/>,
    /// or queues it (<see cref="RegistryCommandPending"/> of kind CorridorQueue). EXCEEDS_CORRIDOR_VOLUME when it is more
    /// than a whole year's volume, so could never be served.
    /// </summary>
    public static async Task<object> Admit(LedgerUnit ledger, WaterCorridorSettings corridor, TransferUnits c, Func<Task<object>> make)
    {
        if (c.Quantity > corridor.VolumePerYear)
            return new RegistryCommandRejected(
                "EXCEEDS_CORRIDOR_VOLUME",
                $"Corridor {corridor.Id} carries {corridor.VolumePerYear} a year; {c.Quantity} is more."
            );
        var use = await Use(ledger, corridor);
        var remaining = corridor.VolumePerYear - (use.State?.UsedIn(Year(ledger)) ?? 0m);
        var waiting = use.State?.Queue.ToList().FindIndex(q => q.Request.TransferId == c.TransferId) ?? -1;
        if (waiting >= 0)
            return new RegistryCommandPending(
                c.TransferId,
                RegistryActionKind.CorridorQueue,
                $"Already queued at position {waiting + 1} on corridor {corridor.Id}."
            );
        if ((use.State?.Queue.Count ?? 0) == 0 && c.Quantity <= remaining)
        {
            use.Append(new CorridorTransferMade(c.TransferId, c.Quantity, Year(ledger), ledger.Now));
            return await make();
        }
        use.Append(new CorridorTransferQueued(c, remaining, ledger.Now));
        return new RegistryCommandPending(
            c.TransferId,
            RegistryActionKind.CorridorQueue,
            $"Queued at position {use.State!.Queue.Count} on corridor {corridor.Id}: {remaining} left this year, {c.Quantity} asked; "
                + $"made first come, first served as capacity frees."
        );
    }

    /// <summary>
    /// Serves the corridor's queue in order while the first transfer fits the year's volume left: each is checked
    /// again and made (<paramref name="make"/>), or dropped with the reason it was refused.
    /// </summary>
    public static async Task Serve(LedgerUnit ledger, WaterCorridorSettings corridor, Func<LedgerUnit, TransferUnits, Task<object>> make)
    {
        var use = await Use(ledger, corridor);
        while (use.State is { Queue: [var next, ..] } state && next.Request.Quantity <= corridor.VolumePerYear - state.UsedIn(Year(ledger)))
        {
            if (await TransferUnitsConsumer.Check(ledger, next.Request) is RegistryCommandRejected refused)
            {
                use.Append(new CorridorTransferDropped(next.Request.TransferId, refused.Reason, refused.Detail, ledger.Now));
                continue;
            }
            use.Append(new CorridorTransferMade(next.Request.TransferId, next.Request.Quantity, Year(ledger), ledger.Now));
            await make(ledger, next.Request);
        }
    }

    /// <summary>
    /// The corridor a transfer of <paramref name="instrument"/> from a participant of <paramref name="fromRegion"/> back
    /// into the basin (<paramref name="toRegion"/>) frees capacity on, or null.
    /// </summary>
    public static WaterCorridorSettings? BackTrade(LedgerUnit ledger, InstrumentListed instrument, string fromRegion, string toRegion) =>
        instrument.Class != InstrumentClass.WaterRight || !ledger.RegionalRules.Covers(instrument.Region, toRegion)
            ? null
            : ledger.Registry.WaterCorridors.FirstOrDefault(c => c.Carries(instrument.Region, fromRegion));

    /// <summary>
    /// A transfer of <paramref name="quantity"/> came back into the basin through <paramref name="corridor"/>: as much of
    /// this year's used volume frees (never below zero), and the queue is served. Source: the Murray-Darling inter-valley
    /// trade account, which trades the other way reopen (market-rules.md).
    /// </summary>
    public static async Task Returned(
        LedgerUnit ledger,
        WaterCorridorSettings corridor,
        Guid transferId,
        decimal quantity,
        Func<LedgerUnit, TransferUnits, Task<object>> make
    )
    {
        var use = await Use(ledger, corridor);
        var freed = Math.Min(quantity, use.State?.UsedIn(Year(ledger)) ?? 0m);
        if (freed > 0)
            use.Append(new CorridorCapacityReturned(transferId, freed, Year(ledger), ledger.Now));
        await Serve(ledger, corridor, make);
    }
}

/// <summary>Answers <see cref="GetWaterCorridors"/>: each configured corridor's volume, use this year and queue.</summary>
public sealed class GetWaterCorridorsConsumer(IQuerySession session, IClock clock, IOptions<RegistrySettings> settings)
    : IConsumer<GetWaterCorridors>
{
    public async Task Consume(ConsumeContext<GetWaterCorridors> context)
    {
        var year = clock.GetCurrentInstant().InZone(MarketTime.Zone).Year;
        var views = new List<WaterCorridorView>();
        foreach (var c in settings.Value.WaterCorridors)
        {
            var use = await session.LoadAsync<CorridorUse>(CorridorUse.StreamPrefix + c.Id, context.CancellationToken);
            var used = use?.UsedIn(year) ?? 0m;
            views.Add(
                new WaterCorridorView(
                    c.Id,
                    c.FromBasin,
                    c.ToRegion,
                    year,
                    c.VolumePerYear,
                    used,
                    c.VolumePerYear - used,
                    (use?.Queue ?? [])
                        .Select(
                            (q, i) =>
                                new QueuedCorridorTransfer(
                                    i + 1,
                                    q.Request.TransferId,
                                    q.Request.InstrumentId,
                                    q.Request.FromParticipantId,
                                    q.Request.ToParticipantId,
                                    q.Request.Quantity,
                                    q.QueuedAt
                                )
                        )
                        .ToList(),
                    use?.Dropped ?? []
                )
            );
        }
        await context.RespondAsync(new WaterCorridorList(views));
    }
}

/// <summary>
/// Serves every corridor's queue at start and daily at <see cref="RegistrySettings.CorridorServiceRunsAt"/> (00:00:30
/// Asia/Shanghai), so a new year's volume serves what waits.
/// </summary>
public sealed class DailyCorridorService(
    LedgerWriter writer,
    IClock clock,
    IOptions<RegistrySettings> settings,
    ILogger<DailyCorridorService> logger
) : DailyJob(clock, logger)
{
    protected override string Name => "The daily service of the water corridors' queues";

    protected override LocalTime RunsAt => LocalTime.FromTicksSinceMidnight(settings.Value.CorridorServiceRunsAt.Ticks);

    protected override async Task Run(CancellationToken ct)
    {
        foreach (var corridor in settings.Value.WaterCorridors)
        {
            try
            {
                await writer.Execute(
                    Guid.NewGuid(),
                    "ServeWaterCorridor",
                    async unit =>
                    {
                        await WaterCorridors.Serve(unit, corridor, TransferUnitsConsumer.Make);
                        return false;
                    },
                    ct
                );
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Corridor {Corridor}'s queue could not be served", corridor.Id);
            }
        }
    }
}
