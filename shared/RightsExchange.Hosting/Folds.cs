using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Events.Aggregation;

namespace RightsExchange.Hosting;

/// <summary>
/// An aggregate whose state is the left fold of its stream's events: <c>Fold(null, first) … Fold(s, last)</c>.
/// The fold is pure, so it is unit-tested directly and used both by Marten and by an in-flight unit of work.
/// </summary>
public interface IFold<TSelf> where TSelf : class
{
    /// <summary>The prefix of the keys of this aggregate's streams, e.g. <c>holding:</c>.</summary>
    static abstract string StreamPrefix { get; }

    /// <summary>The state after <paramref name="event"/>; <paramref name="state"/> is null before the stream's first event.</summary>
    static abstract TSelf? Fold(TSelf? state, string streamKey, object @event);
}

/// <summary>
/// Marten single-stream projection that delegates to the aggregate's own fold. A service keeps several kinds of
/// stream in one store; each projection folds only the streams whose key has its aggregate's prefix.
/// </summary>
public sealed class FoldProjection<T> : SingleStreamProjection<T, string> where T : class, IFold<T>
{
    public override T? Evolve(T? snapshot, string id, IEvent e) =>
        id.StartsWith(T.StreamPrefix, StringComparison.Ordinal) ? T.Fold(snapshot, id, e.Data) : snapshot;
}

/// <summary>A stream opened for writing in a unit of work: appends go to Marten and into the in-memory state at once.</summary>
public sealed class TrackedStream<T>(IEventStream<T> stream, string key) where T : class, IFold<T>
{
    public string Key { get; } = key;

    /// <summary>The fold so far, including events appended in this unit of work; null for a stream with no events.</summary>
    public T? State { get; private set; } = stream.Aggregate;

    public void Append(object @event)
    {
        stream.AppendOne(@event);
        State = T.Fold(State, Key, @event);
    }
}

/// <summary>
/// Streams opened for writing in one Marten session, each fetched once (<c>FetchForWriting</c>, so the commit
/// fails on a concurrent append to the same stream) however many commands of a group touch it.
/// Streams a group will need can be announced with <see cref="Want{T}"/> and fetched together, in one round trip.
/// </summary>
public sealed class StreamCache(IDocumentSession session)
{
    private readonly Dictionary<string, object> _streams = new();
    private readonly Dictionary<string, Func<Marten.Services.BatchQuerying.IBatchedQuery, Func<object>>> _wanted = new();

    public IDocumentSession Session => session;

    /// <summary>Announces that the stream <paramref name="key"/> will be opened; see <see cref="FetchWanted"/>.</summary>
    public void Want<T>(string key) where T : class, IFold<T>
    {
        if (_streams.ContainsKey(key) || _wanted.ContainsKey(key)) return;
        _wanted[key] = batch =>
        {
            var fetching = batch.Events.FetchForWriting<T>(key);
            return () => new TrackedStream<T>(fetching.Result, key);
        };
    }

    /// <summary>Fetches every announced stream in one batched query.</summary>
    public async Task FetchWanted(CancellationToken ct = default)
    {
        if (_wanted.Count == 0) return;
        var batch = session.CreateBatchQuery();
        var pending = _wanted.Select(w => (w.Key, Result: w.Value(batch))).ToList();
        _wanted.Clear();
        await batch.Execute(ct);
        foreach (var (key, result) in pending) _streams[key] = result();
    }

    public async Task<TrackedStream<T>> Open<T>(string key, CancellationToken ct = default) where T : class, IFold<T>
    {
        if (_streams.TryGetValue(key, out var cached)) return (TrackedStream<T>)cached;
        var stream = await session.Events.FetchForWriting<T>(key, ct);
        var tracked = new TrackedStream<T>(stream, key);
        _streams[key] = tracked;
        return tracked;
    }
}
