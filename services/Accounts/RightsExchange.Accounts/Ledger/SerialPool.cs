using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// A holding's serial blocks in the order they arrived: units leave first in, first out, unless the holder names a
/// batch. Pure functions over lists; the holding's fold applies what a registry transaction chose.
/// </summary>
public static class SerialPool
{
    /// <summary>The number of serials of <paramref name="quantity"/> units (one per quantity step); throws when it is not a whole
    /// number.</summary>
    public static long Count(decimal quantity, decimal step) =>
        quantity % step == 0
            ? (long)(quantity / step)
            : throw new InvalidOperationException($"{quantity} is not a whole number of steps of {step}.");

    /// <summary>How many serials of <paramref name="batch"/> the pool holds.</summary>
    public static long CountOf(IReadOnlyList<SerialBlock> pool, int batch) => pool.Where(b => b.Batch == batch).Sum(b => b.Count);

    /// <summary>
    /// The first <paramref name="count"/> serials of the pool (of <paramref name="batch"/> only, when named), in pool
    /// order, splitting the last block taken; null when the pool has fewer.
    /// </summary>
    public static IReadOnlyList<SerialBlock>? Take(IReadOnlyList<SerialBlock> pool, long count, int? batch = null)
    {
        var taken = new List<SerialBlock>();
        var left = count;
        foreach (var block in pool)
        {
            if (left == 0)
                break;
            if (batch is { } b && block.Batch != b)
                continue;
            var n = Math.Min(left, block.Count);
            taken.Add(block with { Last = block.First + n - 1 });
            left -= n;
        }
        return left == 0 ? taken : null;
    }

    /// <summary>True when every serial of <paramref name="blocks"/> is in the pool.</summary>
    public static bool Contains(IReadOnlyList<SerialBlock> pool, IReadOnlyList<SerialBlock> blocks) =>
        blocks.All(b => pool.Where(p => p.Batch == b.Batch).Sum(p => Overlap(p, b)?.Count ?? 0) == b.Count);

    /// <summary>The pool without <paramref name="blocks"/>; throws when a serial to remove is not in it.</summary>
    public static IReadOnlyList<SerialBlock> Remove(IReadOnlyList<SerialBlock> pool, IReadOnlyList<SerialBlock> blocks)
    {
        if (!Contains(pool, blocks))
            throw new InvalidOperationException($"The pool does not hold {string.Join(", ", blocks)}.");
        var result = pool.ToList();
        foreach (var cut in blocks)
            result = result.SelectMany(p => Without(p, cut)).ToList();
        return result;
    }

    /// <summary>The pool with <paramref name="blocks"/> appended (newest last); a block that continues the last one joins it.</summary>
    public static IReadOnlyList<SerialBlock> Add(IReadOnlyList<SerialBlock> pool, IReadOnlyList<SerialBlock> blocks)
    {
        var result = pool.ToList();
        foreach (var block in blocks)
        {
            if (result.Count > 0 && result[^1] is var last && last.Batch == block.Batch && last.Last + 1 == block.First)
                result[^1] = last with { Last = block.Last };
            else
                result.Add(block);
        }
        return result;
    }

    /// <summary>The serials two blocks share, or null.</summary>
    public static SerialBlock? Overlap(SerialBlock a, SerialBlock b)
    {
        var first = Math.Max(a.First, b.First);
        var last = Math.Min(a.Last, b.Last);
        return first <= last ? new SerialBlock(a.Batch, first, last) : null;
    }

    /// <summary>What is left of <paramref name="block"/> once the serials of <paramref name="cut"/> are taken out: none, one or two
    /// blocks.</summary>
    public static IEnumerable<SerialBlock> Without(SerialBlock block, SerialBlock cut)
    {
        if (Overlap(block, cut) is null)
        {
            yield return block;
            yield break;
        }
        if (block.First < cut.First)
            yield return block with
            {
                Last = cut.First - 1,
            };
        if (block.Last > cut.Last)
            yield return block with
            {
                First = cut.Last + 1,
            };
    }
}
