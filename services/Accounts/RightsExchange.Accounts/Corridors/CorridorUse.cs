using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Corridors;

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
