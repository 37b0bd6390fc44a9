using Marten;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// A stream's fold as it stood after <see cref="Version"/>, whose event was recorded at <see cref="Timestamp"/>
/// (document id <c>{streamKey}@{version}</c>). Events never change, so a snapshot never goes stale.
/// </summary>
public sealed record AsOfSnapshot<T>(string Id, string StreamKey, long Version, DateTimeOffset Timestamp, T State)
    where T : class, IFold<T>;

/// <summary>
/// Folds of a stream as of an instant that stay fast on long streams: the fold starts from the latest snapshot recorded
/// at or before the instant and reads only the events after it (Marten's <c>FetchStreamAsync</c> from a version, up to
/// a timestamp). Snapshots are written as folds pass every <c>Registry:AsOfSnapshotEvery</c>-th version, so a stream is
/// read in full at most once. Versions of a stream commit in order, so their timestamps never go backwards.
/// </summary>
public static class AsOfFolds
{
    /// <summary>The fold of stream <paramref name="key"/> over the events recorded up to <paramref name="asOf"/>; null before its first
    /// event.</summary>
    public static async Task<T?> Fold<T>(IDocumentStore store, string key, DateTimeOffset asOf, int every, CancellationToken ct)
        where T : class, IFold<T>
    {
        await using var session = store.LightweightSession();
        var snapshot = await session
            .Query<AsOfSnapshot<T>>()
            .Where(s => s.StreamKey == key && s.Timestamp <= asOf)
            .OrderByDescending(s => s.Version)
            .FirstOrDefaultAsync(ct);
        var state = snapshot?.State;
        var taken = false;
        var events = await session.Events.FetchStreamAsync(key, timestamp: asOf, fromVersion: (snapshot?.Version ?? 0) + 1, token: ct);
        foreach (var e in events)
        {
            state = T.Fold(state, key, e.Data);
            if (every <= 0 || e.Version % every != 0)
                continue;
            session.Store(new AsOfSnapshot<T>($"{key}@{e.Version}", key, e.Version, e.Timestamp, state!));
            taken = true;
        }
        if (taken)
            await session.SaveChangesAsync(ct);
        return state;
    }
}
