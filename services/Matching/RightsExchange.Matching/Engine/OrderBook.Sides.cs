using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

// The continuous book's two sides. Each side keeps its price levels in an array sorted worst to best, so the best
// level is the last element: reading it is O(1), and so is dropping it once it has traded away, which is what most
// removals are. A level is a doubly linked list of its resting orders' slots (time priority, oldest first), threaded
// through the order store's links. Levels that leave the book go back to a spare list and are reused.
public sealed partial class OrderBook
{
    private sealed class BookSide(Side side, OrderStore orders)
    {
        private readonly List<BookLevel> _levels = [];
        private readonly Stack<BookLevel> _spare = new();

        public Side Side { get; } = side;
        public int LevelCount => _levels.Count;

        /// <summary>The best level (highest bid, lowest ask), or null when the side is empty.</summary>
        public BookLevel? Best => _levels.Count > 0 ? _levels[^1] : null;

        /// <summary>The level <paramref name="rank"/> places from the best (0 is the best).</summary>
        public BookLevel LevelAt(int rank) => _levels[_levels.Count - 1 - rank];

        /// <summary>Puts the order in <paramref name="slot"/> last in time priority at its price.</summary>
        public void Add(int slot)
        {
            ref var order = ref orders[slot];
            var index = IndexOf(order.Price);
            BookLevel level;
            if (index >= 0)
                level = _levels[index];
            else
            {
                level = _spare.Count > 0 ? _spare.Pop() : new BookLevel();
                level.Price = order.Price;
                _levels.Insert(~index, level);
            }
            order.Level = level;
            orders.LinkOf(slot) = new Link { Previous = level.Last, Next = NoSlot };
            if (level.Last == NoSlot)
                level.First = slot;
            else
                orders.LinkOf(level.Last).Next = slot;
            level.Last = slot;
            level.Count++;
        }

        /// <summary>Takes the order in <paramref name="slot"/> out of its level, and the level out of the side once it is empty.</summary>
        public void Remove(int slot)
        {
            ref var order = ref orders[slot];
            var level = order.Level!;
            ref var link = ref orders.LinkOf(slot);
            if (link.Previous == NoSlot)
                level.First = link.Next;
            else
                orders.LinkOf(link.Previous).Next = link.Next;
            if (link.Next == NoSlot)
                level.Last = link.Previous;
            else
                orders.LinkOf(link.Next).Previous = link.Previous;
            order.Level = null;
            link = new Link { Previous = NoSlot, Next = NoSlot };
            level.Count--;
            if (level.First != NoSlot)
                return;
            if (ReferenceEquals(level, Best))
                _levels.RemoveAt(_levels.Count - 1);
            else
                _levels.RemoveAt(IndexOf(level.Price));
            _spare.Push(level);
        }

        /// <summary>The open quantity of <paramref name="level"/>, in the instrument's unit.</summary>
        public decimal OpenAt(BookLevel level)
        {
            var total = 0m;
            for (var slot = level.First; slot != NoSlot; slot = orders.LinkOf(slot).Next)
                total += orders[slot].Open;
            return total;
        }

        /// <summary>The slots of every resting order of the side, best price first, then oldest first.</summary>
        public IEnumerable<int> Slots()
        {
            for (var rank = 0; rank < _levels.Count; rank++)
            for (var slot = LevelAt(rank).First; slot != NoSlot; slot = orders.LinkOf(slot).Next)
                yield return slot;
        }

        // Binary search in worst-to-best order: bids ascending, asks descending. ~index is where a new level goes.
        private int IndexOf(decimal price)
        {
            var (low, high) = (0, _levels.Count - 1);
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                var order = Side == Side.Buy ? _levels[middle].Price.CompareTo(price) : price.CompareTo(_levels[middle].Price);
                if (order == 0)
                    return middle;
                if (order < 0)
                    low = middle + 1;
                else
                    high = middle - 1;
            }
            return ~low;
        }
    }

    /// <summary>The resting orders at one price, oldest first (a price level of the book), by their slots.</summary>
    private sealed class BookLevel
    {
        public decimal Price { get; set; }
        public int First { get; set; } = NoSlot;
        public int Last { get; set; } = NoSlot;
        public int Count { get; set; }
    }
}
