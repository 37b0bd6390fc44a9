using Marten;

namespace RightsExchange.Settlement;

/// <summary>Reads what the settlement log records for regulators (reconciliation reports, alerts).</summary>
public static class RecordedEvents
{
    /// <summary>The data of the latest events in streams whose key starts with <paramref name="streamPrefix"/>, newest first;
    /// <paramref name="limit"/> clamped to 1..100.</summary>
    public static async Task<IReadOnlyList<T>> Latest<T>(IQuerySession session, string streamPrefix, int limit, CancellationToken ct)
    {
        var events = await session
            .Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(streamPrefix))
            .OrderByDescending(e => e.Sequence)
            .Take(Math.Clamp(limit, 1, 100))
            .ToListAsync(ct);
        return events.Select(e => (T)e.Data).ToList();
    }
}
