using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Transfers;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Corridors;

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
    public static WaterCorridorSettings? Route(LedgerCommit ledger, InstrumentListed instrument, string homeRegion) =>
        instrument.Class != InstrumentClass.WaterRight || ledger.RegionalRules.Covers(instrument.Region, homeRegion)
            ? null
            : ledger.Registry.WaterCorridors.FirstOrDefault(c => c.Carries(instrument.Region, homeRegion));

    private static int Year(LedgerCommit ledger) => ledger.Now.InZone(MarketTime.Zone).Year;

    private static Task<TrackedStream<CorridorUse>> Use(LedgerCommit ledger, WaterCorridorSettings corridor) =>
        ledger.Streams.Open<CorridorUse>(CorridorUse.StreamPrefix + corridor.Id);

    /// <summary>
    /// Makes checked transfer <paramref name="c"/> through <paramref name="corridor"/> now with <paramref name="make"/>,
    /// or queues it (<see cref="RegistryCommandPending"/> of kind CorridorQueue). EXCEEDS_CORRIDOR_VOLUME when it is more
    /// than a whole year's volume, so could never be served.
    /// </summary>
    public static async Task<object> Admit(LedgerCommit ledger, WaterCorridorSettings corridor, TransferUnits c, Func<Task<object>> make)
    {
        if (c.Quantity > corridor.VolumePerYear)
            return new RegistryCommandRejected(
                ReasonCodes.ExceedsCorridorVolume,
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
    public static async Task Serve(
        LedgerCommit ledger,
        WaterCorridorSettings corridor,
        Func<LedgerCommit, TransferUnits, Task<object>> make
    )
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
    public static WaterCorridorSettings? BackTrade(LedgerCommit ledger, InstrumentListed instrument, string fromRegion, string toRegion) =>
        instrument.Class != InstrumentClass.WaterRight || !ledger.RegionalRules.Covers(instrument.Region, toRegion)
            ? null
            : ledger.Registry.WaterCorridors.FirstOrDefault(c => c.Carries(instrument.Region, fromRegion));

    /// <summary>
    /// A transfer of <paramref name="quantity"/> came back into the basin through <paramref name="corridor"/>: as much of
    /// this year's used volume frees (never below zero), and the queue is served. Source: the Murray-Darling inter-valley
    /// trade account, which trades the other way reopen (market-rules.md).
    /// </summary>
    public static async Task Returned(
        LedgerCommit ledger,
        WaterCorridorSettings corridor,
        Guid transferId,
        decimal quantity,
        Func<LedgerCommit, TransferUnits, Task<object>> make
    )
    {
        var use = await Use(ledger, corridor);
        var freed = Math.Min(quantity, use.State?.UsedIn(Year(ledger)) ?? 0m);
        if (freed > 0)
            use.Append(new CorridorCapacityReturned(transferId, freed, Year(ledger), ledger.Now));
        await Serve(ledger, corridor, make);
    }
}
