using Marten;
using NodaTime;
using RightsExchange.Hosting;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Books;

/// <summary>The in-memory books of this engine instance, rebuilt from their journals on first use.</summary>
public sealed class BookRegistry
{
    private readonly Dictionary<string, OrderBook?> _books = new(StringComparer.Ordinal);

    public static string StreamKey(string instrumentId) => $"book:{instrumentId}";

    /// <summary>The book of <paramref name="instrumentId"/>, replayed from its journal; null if it was never opened.</summary>
    public async Task<OrderBook?> Get(IDocumentSession session, string instrumentId, CancellationToken ct = default)
    {
        if (_books.TryGetValue(instrumentId, out var book)) return book;
        book = null;
        foreach (var e in await session.Events.FetchStreamAsync(StreamKey(instrumentId), token: ct))
        {
            if (e.Data is BookOpened opened) book = new OrderBook(opened);
            else book?.Apply(e.Data);
        }
        _books[instrumentId] = book;
        return book;
    }

    public void Opened(OrderBook book) => _books[book.InstrumentId] = book;

    /// <summary>Forgets every book, so each is replayed from what was committed.</summary>
    public void Clear() => _books.Clear();
}

/// <summary>One group of engine inputs: each is journaled with its outputs in the book's stream, in one commit.</summary>
public sealed class MatchingUnit(IDocumentSession session, BookRegistry books, Instant now)
{
    public IDocumentSession Session { get; } = session;
    public BookRegistry Books { get; } = books;
    public Instant Now { get; } = now;

    /// <summary>Feeds <paramref name="input"/> to the book and journals input and outputs together.</summary>
    public void Run(OrderBook book, object input)
    {
        var outputs = book.Apply(input);
        Session.Events.Append(BookRegistry.StreamKey(book.InstrumentId), [input, .. outputs]);
    }
}

/// <summary>
/// The engine's single writer: inputs are applied one at a time, in arrival order, and journaled in groups.
/// If a group's commit fails the books are dropped and replayed from the journal, so memory never runs ahead of the store.
/// </summary>
public sealed class MatchingWriter(IDocumentStore store, IClock clock, BookRegistry books, ILogger<MatchingWriter> logger)
    : GroupCommitWriter<MatchingUnit>(store, clock, logger)
{
    protected override MatchingUnit Begin(IDocumentSession session) => new(session, books, Clock.GetCurrentInstant());

    protected override void Abandon(MatchingUnit unit) => unit.Books.Clear();
}
