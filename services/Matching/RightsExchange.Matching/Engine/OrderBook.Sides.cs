using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

// The continuous book's two sides. Each side keeps its price levels in an array sorted worst to best, so the best
// level is the last element: reading it is O(1), and so is dropping it once it has traded away, which is what most
// removals are. A level is a doubly linked list threaded through its resting orders (time priority, oldest first).
// Orders and levels that leave the book go back to a spare list and are reused, so a book in steady state allocates
// nothing but its outputs.
public sealed partial class OrderBook
{
    private sealed class BookSide(Side side)
    {
        private readonly List<BookLevel> _levels = [];
        private readonly Stack<BookLevel> _spare = new();

        public Side Side { get; } = side;
        public int LevelCount => _levels.Count;

        /// <summary>The best level (highest bid, lowest ask), or null when the side is empty.</summary>
        public BookLevel? Best => _levels.Count > 0 ? _levels[^1] : null;

        /// <summary>The level <paramref name="rank"/> places from the best (0 is the best).</summary>
        public BookLevel LevelAt(int rank) => _levels[_levels.Count - 1 - rank];

        /// <summary>Puts <paramref name="order"/> last in time priority at its price.</summary>
        public void Add(RestingOrder order)
        {
            var index = IndexOf(order.Price);
            BookLevel level;
            if (index >= 0) level = _levels[index];
            else
            {
                level = _spare.Count > 0 ? _spare.Pop() : new BookLevel();
                level.Price = order.Price;
                _levels.Insert(~index, level);
            }
            level.Append(order);
        }

        /// <summary>Takes <paramref name="order"/> out of its level, and the level out of the side once it is empty.</summary>
        public void Remove(RestingOrder order)
        {
            var level = order.Level!;
            level.Unlink(order);
            if (level.First is not null) return;
            if (ReferenceEquals(level, Best)) _levels.RemoveAt(_levels.Count - 1);
            else _levels.RemoveAt(IndexOf(level.Price));
            _spare.Push(level);
        }

        /// <summary>Every resting order of the side, best price first, then oldest first.</summary>
        public IEnumerable<RestingOrder> Orders()
        {
            for (var rank = 0; rank < _levels.Count; rank++)
                for (var order = LevelAt(rank).First; order is not null; order = order.Next)
                    yield return order;
        }

        // Binary search in worst-to-best order: bids ascending, asks descending. ~index is where a new level goes.
        private int IndexOf(decimal price)
        {
            var (low, high) = (0, _levels.Count - 1);
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                var order = Side == Side.Buy ? _levels[middle].Price.CompareTo(price) : price.CompareTo(_levels[middle].Price);
                if (order == 0) return middle;
                if (order < 0) low = middle + 1;
                else high = middle - 1;
            }
            return ~low;
        }
    }

    /// <summary>The resting orders at one price, oldest first (a price level of the book).</summary>
    private sealed class BookLevel
    {
        public decimal Price { get; set; }
        public RestingOrder? First { get; private set; }
        public RestingOrder? Last { get; private set; }
        public int Count { get; private set; }

        /// <summary>The level's open quantity, in the instrument's unit.</summary>
        public decimal Open
        {
            get
            {
                var total = 0m;
                for (var order = First; order is not null; order = order.Next) total += order.Open;
                return total;
            }
        }

        public void Append(RestingOrder order)
        {
            (order.Level, order.Previous, order.Next) = (this, Last, null);
            if (Last is null) First = order;
            else Last.Next = order;
            Last = order;
            Count++;
        }

        public void Unlink(RestingOrder order)
        {
            if (order.Previous is null) First = order.Next;
            else order.Previous.Next = order.Next;
            if (order.Next is null) Last = order.Previous;
            else order.Next.Previous = order.Previous;
            (order.Level, order.Previous, order.Next) = (null, null, null);
            Count--;
        }
    }

    /// <summary>An order's place in the book (or, while it is matched, the incoming order).</summary>
    private sealed class RestingOrder
    {
        public RestingOrder() { }

        public RestingOrder(Guid orderId, string participantId, Side side, decimal price, decimal quantity, TimeInForce timeInForce) =>
            Reset(orderId, participantId, side, price, quantity, timeInForce);

        public Guid OrderId { get; private set; }
        public string ParticipantId { get; private set; } = "";
        public Side Side { get; private set; }
        public TimeInForce TimeInForce { get; private set; }
        public decimal Price { get; set; }
        public decimal Quantity { get; set; }
        public decimal Filled { get; private set; }
        public decimal Open { get; set; }

        /// <summary>The level it rests in, null while it is not in the book.</summary>
        public BookLevel? Level { get; set; }
        public RestingOrder? Previous { get; set; }
        public RestingOrder? Next { get; set; }

        public void Reset(Guid orderId, string participantId, Side side, decimal price, decimal quantity, TimeInForce timeInForce)
        {
            (OrderId, ParticipantId, Side, Price, Quantity, TimeInForce) = (orderId, participantId, side, price, quantity, timeInForce);
            (Filled, Open) = (0, quantity);
        }

        public void Fill(decimal quantity)
        {
            Filled += quantity;
            Open -= quantity;
        }
    }
}
