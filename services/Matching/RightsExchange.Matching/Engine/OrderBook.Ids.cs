namespace RightsExchange.Matching.Engine;

// The ids a book has seen today, each with the slot of its resting order: the redelivery guard and the look-up of an
// order by id are one table and one probe. Entries live in pages of a fixed size, each allocated once, chained from
// a bucket array that doubles; so the table grows by about 28 B an id and never copies its entries, where a
// HashSet<Guid> copies them at each growth and allocates about twice that.
public sealed partial class OrderBook
{
    private sealed class IdTable
    {
        // 2,048 entries a page, 48 KB: below the 85 KB from which an array goes to the large object heap.
        private const int PageBits = 11;
        private const int PageMask = (1 << PageBits) - 1;
        private Entry[][] _pages = [];
        private int[] _buckets = new int[16];
        private int _shift = 32 - 4;

        /// <summary>Ids held; their entries are 0 to Count - 1, in the order they were added.</summary>
        public int Count { get; private set; }

        /// <summary>
        /// Adds <paramref name="id"/> with no slot unless it is held already; either way <paramref name="entry"/> is its
        /// entry. Returns whether it was added.
        /// </summary>
        public bool TryAdd(Guid id, out int entry)
        {
            var bucket = Bucket(id);
            for (entry = _buckets[bucket] - 1; entry >= 0; entry = At(entry).Next - 1)
                if (At(entry).Id == id)
                    return false;
            if (Count == _buckets.Length)
            {
                Grow();
                bucket = Bucket(id);
            }
            entry = Count++;
            var page = entry >> PageBits;
            if (page == _pages.Length)
                Array.Resize(ref _pages, Math.Max(4, _pages.Length * 2));
            _pages[page] ??= new Entry[1 << PageBits];
            At(entry) = new Entry(id, NoSlot, _buckets[bucket]);
            _buckets[bucket] = entry + 1;
            return true;
        }

        /// <summary>The entry of <paramref name="id"/>, or -1 when it is not held.</summary>
        public int Find(Guid id)
        {
            for (var entry = _buckets[Bucket(id)] - 1; entry >= 0; entry = At(entry).Next - 1)
                if (At(entry).Id == id)
                    return entry;
            return -1;
        }

        public Guid IdOf(int entry) => At(entry).Id;

        /// <summary>The slot of the resting order of <paramref name="entry"/>'s id, <see cref="NoSlot"/> when it does not rest.</summary>
        public ref int SlotOf(int entry) => ref At(entry).Slot;

        /// <summary>The ids held, in the order they were added.</summary>
        public IEnumerable<Guid> Ids()
        {
            for (var entry = 0; entry < Count; entry++)
                yield return IdOf(entry);
        }

        private ref Entry At(int entry) => ref _pages[entry >> PageBits][entry & PageMask];

        // Fibonacci hashing: the top bits of the id's hash times 2^32 / golden ratio spread any ids over the buckets.
        private int Bucket(Guid id) => (int)((uint)id.GetHashCode() * 0x9E3779B9u >> _shift);

        /// <summary>Doubles the buckets once there are as many ids as buckets, and chains every entry again.</summary>
        private void Grow()
        {
            _buckets = new int[_buckets.Length * 2];
            _shift--;
            for (var entry = 0; entry < Count; entry++)
            {
                ref var e = ref At(entry);
                var bucket = Bucket(e.Id);
                e.Next = _buckets[bucket];
                _buckets[bucket] = entry + 1;
            }
        }

        /// <summary>An id, its order's slot, and the next entry of its bucket's chain plus one (0 ends the chain).</summary>
        private struct Entry(Guid id, int slot, int next)
        {
            public Guid Id = id;
            public int Slot = slot;
            public int Next = next;
        }
    }
}
