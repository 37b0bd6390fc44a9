using Marten;

namespace RightsExchange.Hosting;

/// <summary>
/// An aggregate whose state is the left fold of its stream's events: <c>Fold(null, first) … Fold(s, last)</c>.
/// The fold is pure, so it is unit-tested directly and used both by the writer's unit of work (which stores the state as
/// the aggregate's document at each commit) and by the as-of queries.
/// </summary>
public interface IFold<TSelf>
    where TSelf : class, IFold<TSelf>
{
    /// <summary>The prefix of the keys of this aggregate's streams, e.g. <c>holding:</c>.</summary>
    static abstract string StreamPrefix { get; }

    /// <summary>The state after <paramref name="event"/>; <paramref name="state"/> is null before the stream's first event.</summary>
    static abstract TSelf? Fold(TSelf? state, string streamKey, object @event);

    /// <summary>
    /// False for an aggregate nothing queries but its writer, whose streams are short (an order's reservation, a
    /// settlement's record): no document is stored beside the stream, and a writer that has not got it in memory folds
    /// the stream's events instead.
    /// </summary>
    static virtual bool Documented => true;

    /// <summary>The fold of <paramref name="events"/>, in order, and the version the last one gave the stream (0 for none).</summary>
    static (TSelf? State, long Version) FoldAll(string streamKey, IReadOnlyList<JasperFx.Events.IEvent> events)
    {
        TSelf? state = null;
        foreach (var e in events)
            state = TSelf.Fold(state, streamKey, e.Data);
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }
}

/// <summary>
/// The latest committed state and version of the streams a writer has worked on, so a later group does not read them
/// again. Only the writer's thread touches it; the writer forgets everything when a commit fails (a stale entry could
/// then differ from the store), and the commit that would write over a stream another process appended to fails on
/// its expected version, so a stale entry is never written back.
/// </summary>
public sealed class AggregateCache
{
    /// <summary>Streams remembered at most; past it the memory is dropped and streams are read again.</summary>
    public const int MaxStreams = 100_000;

    private readonly Dictionary<string, (object? State, long Version)> _streams = new(StringComparer.Ordinal);

    internal bool TryGet(string key, out (object? State, long Version) entry) => _streams.TryGetValue(key, out entry);

    internal void Committed(IEnumerable<ITrackedStream> streams)
    {
        if (_streams.Count > MaxStreams)
            _streams.Clear();
        foreach (var stream in streams)
            _streams[stream.Key] = (stream.StateObject, stream.CommittedVersion);
    }

    /// <summary>Forgets every stream, so each is read again from the store.</summary>
    public void Clear() => _streams.Clear();
}

/// <summary>A stream opened for writing in a unit of work, whatever its aggregate type.</summary>
internal interface ITrackedStream
{
    string Key { get; }
    object? StateObject { get; }
    long CommittedVersion { get; }
    void StoreDocument();
}

/// <summary>
/// A stream opened for writing in a unit of work: its fold so far (from the <see cref="AggregateCache"/>, else read
/// from the aggregate's document, which the writer stores beside the stream at every commit, or folded from the
/// stream's events for an aggregate without one) and the version that fold covers. Appends go to Marten at once, the first one expecting
/// the stream still to be at that version (so the commit
/// fails if another process appended meanwhile), and into the in-memory state.
/// </summary>
public sealed class TrackedStream<T> : ITrackedStream
    where T : class, IFold<T>
{
    private readonly IDocumentSession _session;
    private int _appended;

    internal TrackedStream(IDocumentSession session, string key, T? state, long version)
    {
        _session = session;
        Key = key;
        State = state;
        Version = version;
    }

    public string Key { get; }

    /// <summary>The fold so far, including events appended in this unit of work; null for a stream with no events.</summary>
    public T? State { get; private set; }

    /// <summary>The stream's version when it was opened (0 for a stream with no events).</summary>
    public long Version { get; }

    object? ITrackedStream.StateObject => State;
    long ITrackedStream.CommittedVersion => Version + _appended;

    public void Append(object @event)
    {
        ExchangeTracing.Tag(@event);
        if (_appended > 0)
            _session.Events.Append(Key, @event);
        else if (Version == 0)
            _session.Events.StartStream<T>(Key, @event);
        else
            _session.Events.Append(Key, @event).ExpectedVersionOnServer = Version;
        _appended++;
        State = T.Fold(State, Key, @event);
    }

    /// <summary>Stores the aggregate's document (the fold, keyed by the stream key) in the unit of work, if anything was
    /// appended.</summary>
    void ITrackedStream.StoreDocument()
    {
        if (_appended > 0 && State is not null && T.Documented)
            _session.Store(State);
    }
}

/// <summary>
/// Streams opened for writing in one Marten session, each read once however many commands of a group touch it, and
/// not at all when the writer's <see cref="AggregateCache"/> has it. Streams a group will need can be announced with
/// <see cref="Want{T}"/> and read together, in one round trip. Before the commit, <see cref="StoreDocuments"/> stores
/// each changed aggregate's document, so queries read the fold as of the last commit.
/// </summary>
public sealed class StreamCache(IDocumentSession session, AggregateCache cache)
{
    private readonly Dictionary<string, ITrackedStream> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<Marten.Services.BatchQuerying.IBatchedQuery, Func<ITrackedStream>>> _wanted = new(
        StringComparer.Ordinal
    );

    public IDocumentSession Session => session;

    /// <summary>Announces that the stream <paramref name="key"/> will be opened; see <see cref="FetchWanted"/>.</summary>
    public void Want<T>(string key)
        where T : class, IFold<T>
    {
        if (_streams.ContainsKey(key) || _wanted.ContainsKey(key) || cache.TryGet(key, out _))
            return;
        _wanted[key] = batch =>
        {
            if (!T.Documented)
            {
                var events = batch.Events.FetchStream(key);
                return () =>
                {
                    var (folded, version) = IFold<T>.FoldAll(key, events.Result);
                    return new TrackedStream<T>(session, key, folded, version);
                };
            }
            var document = batch.Load<T>(key);
            var state = batch.Events.FetchStreamState(key);
            return () => new TrackedStream<T>(session, key, document.Result, state.Result?.Version ?? 0);
        };
    }

    /// <summary>
    /// Adds the reads of every announced stream to <paramref name="batch"/>; returns what opens them once the batch has
    /// run, or null when nothing was announced.
    /// </summary>
    public Action? FetchWanted(Marten.Services.BatchQuerying.IBatchedQuery batch)
    {
        if (_wanted.Count == 0)
            return null;
        var pending = _wanted.Select(w => (w.Key, Result: w.Value(batch))).ToList();
        _wanted.Clear();
        return () =>
        {
            foreach (var (key, result) in pending)
                _streams[key] = result();
        };
    }

    public async Task<TrackedStream<T>> Open<T>(string key, CancellationToken ct = default)
        where T : class, IFold<T>
    {
        if (_streams.TryGetValue(key, out var open))
            return (TrackedStream<T>)open;
        TrackedStream<T> tracked;
        if (cache.TryGet(key, out var cached))
            tracked = new TrackedStream<T>(session, key, (T?)cached.State, cached.Version);
        else if (!T.Documented)
        {
            var (folded, version) = IFold<T>.FoldAll(key, await session.Events.FetchStreamAsync(key, token: ct));
            tracked = new TrackedStream<T>(session, key, folded, version);
        }
        else
        {
            var document = await session.LoadAsync<T>(key, ct);
            var state = await session.Events.FetchStreamStateAsync(key, ct);
            tracked = new TrackedStream<T>(session, key, document, state?.Version ?? 0);
        }
        _streams[key] = tracked;
        return tracked;
    }

    /// <summary>Stores the document of every aggregate appended to in this unit of work; call once, just before the commit.</summary>
    public void StoreDocuments()
    {
        foreach (var stream in _streams.Values)
            stream.StoreDocument();
    }

    /// <summary>Hands the committed state of every stream opened here to the writer's cache; call after the commit succeeded.</summary>
    public void Committed() => cache.Committed(_streams.Values);
}
