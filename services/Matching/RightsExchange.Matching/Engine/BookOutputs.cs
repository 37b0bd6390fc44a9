using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

/// <summary>The contract record a <see cref="BookOutput"/> stands for.</summary>
public enum BookOutputKind : byte
{
    OrderAccepted,
    OrderRejected,
    TradeExecuted,
    OrderCancelled,
    CancelRejected,
    OrderAmended,
    AmendRejected,

    /// <summary>Any other output (day close, halt, block or auction event), held as its record already.</summary>
    Record,
}

/// <summary>
/// One output of <see cref="OrderBook.Apply(object, BookOutputs)"/> as a value: the fields its contract record is made
/// of, so the book allocates nothing for its frequent outputs (acceptances, trades, cancels, amendments and their
/// refusals). <see cref="ToRecord"/> makes the record (<see cref="OrderAccepted"/>, <see cref="TradeExecuted"/>, ...)
/// when the output is journaled or published; the record equals the one the book would have made itself.
/// </summary>
public struct BookOutput
{
    private object? _source;
    private string? _instrumentId;
    private string? _unit;
    private string? _participantId;
    private string? _otherParticipantId;
    private string? _reason;
    private string? _detail;
    private Guid _orderId;
    private Guid _otherId;
    private decimal _quantity;
    private decimal _price;
    private decimal _open;
    private decimal _otherOpen;
    private Instant _at;
    private long _sequence;
    private Side _side;
    private TradeKind _tradeKind;
    private bool _priorityKept;

    /// <summary>Which record <see cref="ToRecord"/> makes.</summary>
    public BookOutputKind Kind { get; private set; }

    /// <summary>
    /// The contract record of this output, made afresh on each call. A trade's id is the instrument id and the book's
    /// trade sequence (<c>CEA-2024-00000012</c>).
    /// </summary>
    public readonly object ToRecord() =>
        Kind switch
        {
            BookOutputKind.OrderAccepted when _source is OrderFunded o => new OrderAccepted(
                o.OrderId,
                o.ClientOrderId,
                o.ParticipantId,
                o.InstrumentId,
                o.Side,
                o.Quantity,
                o.LimitPrice,
                _at
            ),
            BookOutputKind.OrderRejected when _source is OrderFunded o => new OrderRejected(
                o.OrderId,
                o.ClientOrderId,
                o.ParticipantId,
                o.InstrumentId,
                o.Side,
                o.Quantity,
                _reason!,
                _detail!,
                _at
            ),
            BookOutputKind.TradeExecuted => new TradeExecuted(
                $"{_instrumentId}-{_sequence:D8}",
                _instrumentId!,
                _unit!,
                _quantity,
                _price,
                _orderId,
                _participantId!,
                _otherId,
                _otherParticipantId!,
                _side,
                _open,
                _otherOpen,
                _at,
                _tradeKind
            ),
            BookOutputKind.OrderCancelled => new OrderCancelled(_orderId, _participantId!, _instrumentId!, _side, _quantity, _at, _reason!),
            BookOutputKind.CancelRejected => new CancelRejected(
                _orderId,
                _participantId!,
                _reason!,
                _detail ?? $"Order {_orderId} is not open in {_instrumentId}: unknown, filled or already cancelled.",
                _at
            ),
            BookOutputKind.OrderAmended => new OrderAmended(
                _otherId,
                _orderId,
                _participantId!,
                _instrumentId!,
                _side,
                _quantity,
                _price,
                _open,
                _priorityKept,
                _at
            ),
            BookOutputKind.AmendRejected => new AmendRejected(
                _otherId,
                _orderId,
                _participantId!,
                _reason!,
                _detail ?? $"Order {_orderId} is not resting in {_instrumentId}: unknown, filled, cancelled, or not a listing order.",
                _at
            ),
            _ => _source!,
        };

    internal void Accepted(OrderFunded order, Instant at) => (Kind, _source, _at) = (BookOutputKind.OrderAccepted, order, at);

    internal void Rejected(OrderFunded order, string reason, string detail, Instant at) =>
        (Kind, _source, _reason, _detail, _at) = (BookOutputKind.OrderRejected, order, reason, detail, at);

    /// <summary>A trade; <paramref name="buyOpen"/> and <paramref name="sellOpen"/> are what each order has left after it.</summary>
    internal void Trade(
        string instrumentId,
        string unit,
        long sequence,
        decimal quantity,
        decimal price,
        Guid buyOrderId,
        string buyerId,
        Guid sellOrderId,
        string sellerId,
        Side aggressor,
        decimal buyOpen,
        decimal sellOpen,
        Instant at,
        TradeKind kind
    )
    {
        Kind = BookOutputKind.TradeExecuted;
        (_instrumentId, _unit, _sequence, _quantity, _price) = (instrumentId, unit, sequence, quantity, price);
        (_orderId, _participantId, _otherId, _otherParticipantId) = (buyOrderId, buyerId, sellOrderId, sellerId);
        (_side, _open, _otherOpen, _at, _tradeKind) = (aggressor, buyOpen, sellOpen, at, kind);
    }

    internal void Cancelled(
        Guid orderId,
        string participantId,
        string instrumentId,
        Side side,
        decimal cancelled,
        Instant at,
        string reason
    )
    {
        Kind = BookOutputKind.OrderCancelled;
        (_orderId, _participantId, _instrumentId, _side) = (orderId, participantId, instrumentId, side);
        (_quantity, _at, _reason) = (cancelled, at, reason);
    }

    /// <summary>A refused cancel; a null <paramref name="detail"/> is ORDER_NOT_FOUND's text, written when the record is made.</summary>
    internal void CancelRejected(Guid orderId, string participantId, string instrumentId, string reason, string? detail, Instant at)
    {
        Kind = BookOutputKind.CancelRejected;
        (_orderId, _participantId, _instrumentId, _reason, _detail, _at) = (orderId, participantId, instrumentId, reason, detail, at);
    }

    internal void Amended(
        Guid amendId,
        Guid orderId,
        string participantId,
        string instrumentId,
        Side side,
        decimal quantity,
        decimal price,
        decimal open,
        bool priorityKept,
        Instant at
    )
    {
        Kind = BookOutputKind.OrderAmended;
        (_otherId, _orderId, _participantId, _instrumentId, _side) = (amendId, orderId, participantId, instrumentId, side);
        (_quantity, _price, _open, _priorityKept, _at) = (quantity, price, open, priorityKept, at);
    }

    /// <summary>A refused amendment; a null <paramref name="detail"/> is ORDER_NOT_FOUND's text, written when the record is made.</summary>
    internal void AmendRejected(OrderAmendFunded amend, string instrumentId, string reason, string? detail, Instant at)
    {
        Kind = BookOutputKind.AmendRejected;
        (_otherId, _orderId, _participantId, _instrumentId) = (amend.AmendId, amend.OrderId, amend.ParticipantId, instrumentId);
        (_reason, _detail, _at) = (reason, detail, at);
    }

    internal void Record(object record) => (Kind, _source) = (BookOutputKind.Record, record);
}

/// <summary>
/// A reusable buffer of <see cref="BookOutput"/> values, in the order the book gave them. The book appends to it;
/// the caller reads, turns what it keeps into records and clears it. Not thread-safe.
/// </summary>
public sealed class BookOutputs
{
    private BookOutput[] _items = new BookOutput[16];

    /// <summary>Outputs held.</summary>
    public int Count { get; private set; }

    /// <summary>The output at <paramref name="index"/>, 0 being the first given.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="Count"/>.</exception>
    public ref readonly BookOutput this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return ref _items[index];
        }
    }

    /// <summary>Forgets the outputs held, keeping the space (the values are overwritten by later outputs).</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds the record of every output held to <paramref name="records"/>, in order.</summary>
    public void AddRecordsTo(ICollection<object> records)
    {
        for (var i = 0; i < Count; i++)
            records.Add(_items[i].ToRecord());
    }

    /// <summary>A cleared slot at the end, for the book to fill.</summary>
    internal ref BookOutput Add()
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        ref var output = ref _items[Count++];
        output = default;
        return ref output;
    }

    /// <summary>Adds an output made as its record already.</summary>
    internal void Add(object record) => Add().Record(record);
}
