using Marten;
using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Hosting;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Books;

/// <summary>
/// One group of engine inputs. Each input is journaled with its outputs in the book's stream; at the end of the group
/// each book touched gets one append that expects the stream to be at the version this instance last saw, so an
/// instance whose book went stale (another instance wrote to it meanwhile) fails its commit and reloads instead of
/// forking the journal. The same commit carries the book's depth (when it changed) and, now and then, a snapshot.
/// </summary>
public sealed class MatchingCommit(IDocumentSession session, BookRegistry books, Instant now, int snapshotEvery)
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
    /// Forgets the books for which <paramref name="keep"/> is false once this commit's events are appended. Not at once:
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
