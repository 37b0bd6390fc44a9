using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

// The book's orders as values, named by slot. Slots live in pages of a fixed size, each allocated once and kept, so
// the store grows by 112 B an order held at once (104 B and its links) and never copies what it holds (an array
// that doubles allocates about twice what it keeps), and the collector sees one object a page rather than one an order.
// A slot an order leaves goes to a free list and is reused. The links that order a price level (time priority) are
// kept apart from the orders, 8 B a slot: adding an order at the end of a level or unlinking one touches its
// neighbours' links only, which stay in cache where the orders would not.
public sealed partial class OrderBook
{
    /// <summary>No order: either end of a level's list, or an id whose order does not rest.</summary>
    private const int NoSlot = -1;

    /// <summary>
    /// An order in the continuous book, or the incoming order while it matches. Prices CNY per unit, quantities in the
    /// instrument's unit; <see cref="Quantity"/> is always <see cref="Filled"/> plus <see cref="Open"/>.
    /// </summary>
    private struct RestingOrder(
        Guid orderId,
        string participantId,
        Side side,
        decimal price,
        decimal quantity,
        TimeInForce timeInForce,
        int entry
    )
    {
        public Guid OrderId = orderId;
        public string ParticipantId = participantId;
        public decimal Price = price;
        public decimal Quantity = quantity;
        public decimal Filled;
        public decimal Open = quantity;

        /// <summary>The level it rests in, null while it does not rest.</summary>
        public BookLevel? Level;

        /// <summary>Its entry in the book's table of order ids, so that leaving the book needs no look-up.</summary>
        public int Entry = entry;

        // Bytes rather than the enums' four: 8 B less an order.
        private readonly byte _side = (byte)side;
        private readonly byte _timeInForce = (byte)timeInForce;

        public readonly Side Side => (Side)_side;
        public readonly TimeInForce TimeInForce => (TimeInForce)_timeInForce;

        public void Fill(decimal quantity)
        {
            Filled += quantity;
            Open -= quantity;
        }
    }

    /// <summary>The slots of the orders before and after one at its price, <see cref="NoSlot"/> at either end.</summary>
    private struct Link
    {
        public int Previous;
        public int Next;
    }

    private sealed class OrderStore
    {
        // 512 orders a page, 52 KB (and 4 KB of links): below the 85 KB from which an array goes to the large object heap.
        private const int PageBits = 9;
        private const int PageMask = (1 << PageBits) - 1;
        private RestingOrder[][] _pages = [];
        private Link[][] _links = [];
        private int _used;
        private int _free = NoSlot;

        /// <summary>The order in <paramref name="slot"/>; the reference stays valid as the store grows.</summary>
        public ref RestingOrder this[int slot] => ref _pages[slot >> PageBits][slot & PageMask];

        /// <summary>The links of <paramref name="slot"/>; the reference stays valid as the store grows.</summary>
        public ref Link LinkOf(int slot) => ref _links[slot >> PageBits][slot & PageMask];

        /// <summary>A free slot (the last one freed, else a new one), holding <paramref name="order"/>, unlinked.</summary>
        public int Add(in RestingOrder order)
        {
            int slot;
            if (_free != NoSlot)
            {
                slot = _free;
                _free = LinkOf(slot).Next;
            }
            else
            {
                slot = _used++;
                var page = slot >> PageBits;
                if (page == _pages.Length)
                {
                    Array.Resize(ref _pages, Math.Max(4, _pages.Length * 2));
                    Array.Resize(ref _links, _pages.Length);
                }
                _pages[page] ??= new RestingOrder[1 << PageBits];
                _links[page] ??= new Link[1 << PageBits];
            }
            this[slot] = order;
            LinkOf(slot) = new Link { Previous = NoSlot, Next = NoSlot };
            return slot;
        }

        /// <summary>Gives <paramref name="slot"/> back; the order in it must be out of the book.</summary>
        public void Free(int slot)
        {
            // Cleared, so the store keeps no participant id alive; the links chain the free slots.
            this[slot] = default;
            LinkOf(slot).Next = _free;
            _free = slot;
        }
    }
}
