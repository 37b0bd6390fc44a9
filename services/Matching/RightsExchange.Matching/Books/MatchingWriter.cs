using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Hosting;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Books;

/// <summary>A book snapshot (document id: the instrument): the book's state after journal event <see cref="Version"/>.</summary>
public sealed record BookSnapshot(string Id, long Version, BookState State, Instant TakenAt);

/// <summary>Section <c>Trading:Snapshots</c>.</summary>
public sealed class SnapshotOptions
{
    /// <summary>A book is snapshotted once this many journal events were written since its last snapshot.</summary>
    public int Every { get; set; } = 1_000;
}

/// <summary>
/// The in-memory books of this engine instance, each loaded on first use from its latest snapshot plus the journal
/// written after it, with the journal version it has reached.
/// </summary>
public sealed class BookRegistry
{
    private readonly Dictionary<string, LoadedBook?> _books = new(StringComparer.Ordinal);

    public static string StreamKey(string instrumentId) => $"book:{instrumentId}";

    /// <summary>The book of <paramref name="instrumentId"/>; null if it was never opened.</summary>
    public async Task<OrderBook?> Get(IDocumentSession session, string instrumentId, CancellationToken ct = default) =>
        (await Load(session, instrumentId, ct))?.Book;

    internal async Task<LoadedBook?> Load(IDocumentSession session, string instrumentId, CancellationToken ct)
    {
        if (_books.TryGetValue(instrumentId, out var loaded))
            return loaded;
        var snapshot = await session.LoadAsync<BookSnapshot>(instrumentId, ct);
        var book = snapshot is null ? null : OrderBook.Restore(snapshot.State);
        var version = snapshot?.Version ?? 0;
        var outputs = new BookOutputs();
        // Read from the snapshot's own version and skip what it covers, whichever way the store bounds fromVersion.
        foreach (var e in await session.Events.FetchStreamAsync(StreamKey(instrumentId), fromVersion: version, token: ct))
        {
            if (e.Version <= version)
                continue;
            if (e.Data is BookOpened opened)
                book = new OrderBook(opened);
            else
                book?.Apply(e.Data, outputs);
            outputs.Clear();
            version = e.Version;
        }
        loaded = book is null ? null : new LoadedBook(book, version, snapshot?.Version ?? 0);
        _books[instrumentId] = loaded;
        return loaded;
    }

    /// <summary>The loaded entry of a book obtained from <see cref="Get"/>.</summary>
    internal LoadedBook Loaded(string instrumentId) =>
        _books.GetValueOrDefault(instrumentId) ?? throw new InvalidOperationException($"The book of {instrumentId} is not loaded.");

    internal void Opened(OrderBook book) => _books[book.InstrumentId] = new LoadedBook(book, 0, 0);

    /// <summary>Forgets every book, so each is loaded again from what was committed.</summary>
    public void Clear() => _books.Clear();

    /// <summary>Forgets the books for which <paramref name="keep"/> is false, so they load again from the store.</summary>
    internal void Forget(Func<string, bool> keep)
    {
        foreach (var instrumentId in _books.Keys.Where(id => !keep(id)).ToList())
            _books.Remove(instrumentId);
    }

    /// <summary>A loaded book, the journal version its state includes, and the version of its latest snapshot.</summary>
    internal sealed class LoadedBook(OrderBook book, long version, long snapshotVersion)
    {
        public OrderBook Book { get; } = book;
        public long Version { get; set; } = version;
        public long SnapshotVersion { get; set; } = snapshotVersion;
        public OrderBookChanged? LastDepth { get; set; }
    }
}

/// <summary>
/// One group of engine inputs. Each input is journaled with its outputs in the book's stream; at the end of the group
/// each book touched gets one append that expects the stream to be at the version this instance last saw, so an
/// instance whose book went stale (another instance wrote to it meanwhile) fails its commit and reloads instead of
/// forking the journal. The same commit carries the book's depth (when it changed) and, now and then, a snapshot.
/// </summary>
public sealed class MatchingUnit(IDocumentSession session, BookRegistry books, Instant now, int snapshotEvery)
{
    private readonly Dictionary<string, (BookRegistry.LoadedBook Book, List<object> Events)> _pending = new(StringComparer.Ordinal);
    private readonly List<Func<string, bool>> _forget = [];
    private readonly BookOutputs _outputs = new();

    public IDocumentSession Session { get; } = session;
    public BookRegistry Books { get; } = books;
    public Instant Now { get; } = now;

    /// <summary>Feeds <paramref name="input"/> to the book and queues input and outputs (as their records) for the journal.</summary>
    public void Run(OrderBook book, object input)
    {
        _outputs.Clear();
        book.Apply(input, _outputs);
        var events = Pending(book);
        events.Add(input);
        var first = events.Count;
        _outputs.AddRecordsTo(events);
        for (var i = first; i < events.Count; i++)
            ExchangeTracing.Tag(events[i]);
    }

    /// <summary>Starts the journal of a newly listed instrument's book.</summary>
    public void Open(BookOpened opened)
    {
        var book = new OrderBook(opened);
        Books.Opened(book);
        Pending(book).Add(opened);
    }

    /// <summary>
    /// Forgets the books for which <paramref name="keep"/> is false once this unit's events are appended. Not at once:
    /// a book dropped mid-group would be loaded again without the group's uncommitted inputs, and two copies would diverge.
    /// </summary>
    public void ForgetAfterFlush(Func<string, bool> keep) => _forget.Add(keep);

    private List<object> Pending(OrderBook book)
    {
        if (_pending.TryGetValue(book.InstrumentId, out var pending))
            return pending.Events;
        var loaded = Books.Loaded(book.InstrumentId);
        if (!ReferenceEquals(loaded.Book, book))
            throw new InvalidOperationException(
                $"The book of {book.InstrumentId} was loaded twice in one group; its copies would diverge."
            );
        _pending[book.InstrumentId] = (loaded, []);
        return _pending[book.InstrumentId].Events;
    }

    /// <summary>Appends each touched book's events, with its depth and a snapshot when due.</summary>
    internal void Flush()
    {
        foreach (var (instrumentId, (loaded, events)) in _pending)
        {
            var book = loaded.Book;
            var (bids, asks) = book.Depth(OrderBook.DepthLevels);
            var sequence = loaded.Version + events.Count + 1;
            if (loaded.LastDepth is not { } last || !last.Bids.SequenceEqual(bids) || !last.Asks.SequenceEqual(asks))
            {
                loaded.LastDepth = new OrderBookChanged(instrumentId, sequence, bids, asks, Now);
                events.Add(loaded.LastDepth);
            }
            var expected = loaded.Version + events.Count;
            var key = BookRegistry.StreamKey(instrumentId);
            if (loaded.Version == 0)
                Session.Events.StartStream(key, [.. events]);
            else
                Session.Events.Append(key, expected, [.. events]);
            loaded.Version = expected;
            if (expected - loaded.SnapshotVersion >= snapshotEvery)
            {
                Session.Store(new BookSnapshot(instrumentId, expected, book.Capture(), Now));
                loaded.SnapshotVersion = expected;
            }
        }
        _pending.Clear();
        foreach (var keep in _forget)
            Books.Forget(keep);
        _forget.Clear();
    }
}

/// <summary>
/// The engine's single writer: inputs are applied one at a time, in arrival order, and journaled in groups.
/// If a group's commit fails the books are dropped and loaded again from the store, so memory never runs ahead of it.
/// </summary>
public sealed class MatchingWriter(
    IDocumentStore store,
    IClock clock,
    BookRegistry books,
    IOptions<SnapshotOptions> snapshots,
    RetrySettings retry,
    GroupCommitSettings grouping,
    CommitPublisher publisher,
    ILogger<MatchingWriter> logger
) : GroupCommitWriter<MatchingUnit>(store, clock, logger, retry, grouping, publisher)
{
    protected override MatchingUnit Begin(IDocumentSession session) =>
        new(session, books, Clock.GetCurrentInstant(), snapshots.Value.Every);

    protected override void BeforeCommit(MatchingUnit unit) => unit.Flush();

    protected override void Abandon(MatchingUnit unit) => unit.Books.Clear();
}
