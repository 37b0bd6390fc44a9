using RightsExchange.Contracts.Reasons;

namespace RightsExchange.Hosting.Audit;

/// <summary>Where the recomputed chain first parts from the stored one.</summary>
/// <param name="Kind">EVENT_ALTERED (stream, version, type, timestamp or data changed, or events reordered), EVENT_MISSING
/// (a chained event was deleted), EVENT_NOT_IN_CHAIN (an event was inserted among chained ones) or CHECKPOINT_MISMATCH
/// (the chain itself was recomputed over a rewritten log).</param>
public sealed record ChainDivergence(long Sequence, string Kind, string Detail);

/// <summary>The verifier's report on one schema's log.</summary>
/// <param name="EventsChecked">Events recomputed, up to the chain's head.</param>
/// <param name="Unchained">Events after the head, not yet chained (the chain follows the log a moment behind).</param>
public sealed record ChainVerification(string Schema, long EventsChecked, ChainHead? Head, long Unchained, ChainDivergence? FirstDivergence)
{
    public bool Intact => FirstDivergence is null;
}

/// <summary>
/// Recomputes a schema's audit chain from the raw event table and compares it with the stored links and, when given,
/// with a checkpoint kept outside (sequence and hash from an <c>AuditCheckpoint</c> event). Reads both tables as
/// streams in sequence order, so memory does not grow with the log. Stops at the first divergence.
/// </summary>
public static class AuditVerifier
{
    public static async Task<ChainVerification> Verify(
        AuditChainStore store,
        (long Sequence, byte[] Hash)? checkpoint,
        CancellationToken ct
    ) => await Verify(store, await store.Head(ct), checkpoint, ct);

    /// <summary>
    /// Verifies the chain up to <paramref name="head"/>, read before: links and events are both read up to its sequence,
    /// so links the chain gains meanwhile (it follows the log while the verifier reads) are not taken for links whose
    /// event is missing.
    /// </summary>
    public static async Task<ChainVerification> Verify(
        AuditChainStore store,
        ChainHead? head,
        (long Sequence, byte[] Hash)? checkpoint,
        CancellationToken ct
    )
    {
        var upTo = head?.Sequence ?? 0;
        await using var links = store.ReadLinks(upTo, ct).GetAsyncEnumerator(ct);
        await using var events = store.ReadEvents(0, upTo, ct).GetAsyncEnumerator(ct);
        var (hasLink, hasEvent) = (await links.MoveNextAsync(), await events.MoveNextAsync());
        var previous = AuditChain.Genesis;
        var checkedCount = 0L;
        ChainDivergence? divergence = null;
        while (divergence is null && (hasLink || hasEvent))
        {
            if (hasLink && (!hasEvent || links.Current.Sequence < events.Current.Sequence))
            {
                divergence = new(
                    links.Current.Sequence,
                    ReasonCodes.EventMissing,
                    $"The chain covers event {links.Current.Sequence}, which is no longer in {store.Schema}.mt_events."
                );
                break;
            }
            if (!hasLink || events.Current.Sequence < links.Current.Sequence)
            {
                var e = events.Current;
                divergence = new(
                    e.Sequence,
                    ReasonCodes.EventNotInChain,
                    $"Event {e.Sequence} ({e.StreamKey} v{e.Version}, {e.Type}) is in the log but was never chained: it was inserted "
                        + $"afterwards."
                );
                break;
            }
            var current = events.Current;
            previous = AuditChain.Link(previous, current);
            checkedCount++;
            if (!previous.AsSpan().SequenceEqual(links.Current.Hash))
                divergence = new(
                    current.Sequence,
                    ReasonCodes.EventAltered,
                    $"Event {current.Sequence} ({current.StreamKey} v{current.Version}, {current.Type}) no longer hashes to its link: "
                        + $"its content was changed or events were reordered."
                );
            else if (checkpoint is { } c && c.Sequence == current.Sequence && !previous.AsSpan().SequenceEqual(c.Hash))
                divergence = new(
                    current.Sequence,
                    ReasonCodes.CheckpointMismatch,
                    $"The chain at {current.Sequence} is {AuditChain.Hex(previous)}, not the checkpoint's {AuditChain.Hex(c.Hash)}: the "
                        + $"log and its chain were rewritten."
                );
            (hasLink, hasEvent) = (await links.MoveNextAsync(), await events.MoveNextAsync());
        }
        if (divergence is null && checkpoint is { } kept && kept.Sequence > upTo)
            divergence = new(
                kept.Sequence,
                ReasonCodes.CheckpointMismatch,
                $"The checkpoint covers event {kept.Sequence}, beyond the chain's head {upTo}: the chain was cut back."
            );
        var unchained = 0L;
        await foreach (var _ in store.ReadEvents(upTo, long.MaxValue, ct))
            unchained++;
        return new ChainVerification(store.Schema, checkedCount, head, unchained, divergence);
    }
}
