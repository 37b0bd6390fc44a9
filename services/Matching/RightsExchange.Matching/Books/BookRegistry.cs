using Marten;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Books;

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
