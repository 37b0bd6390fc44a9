using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Lineage;

/// <summary>
/// Answers <see cref="GetSerialLineage"/> from the lineage streams of the batches the range touches: each batch as
/// issued, every step that moved any serial of the range (clipped to it), in store order, and where each part is now.
/// <see cref="SerialLineageNotFound"/> when the instrument is unknown, has no serials, or the range holds no issued serial.
/// </summary>
public sealed class GetSerialLineageConsumer(IQuerySession session) : IConsumer<GetSerialLineage>
{
    public async Task Consume(ConsumeContext<GetSerialLineage> context)
    {
        var (instrumentId, first, last) = (context.Message.InstrumentId, context.Message.First, context.Message.Last);
        var instrument = await session.LoadAsync<Instrument>(StreamKeys.Instrument(instrumentId), context.CancellationToken);
        var wanted = new SerialBlock(0, first, last);
        var batches = instrument?.SerialBatches.Where(b => SerialPool.Overlap(b, wanted) is not null).ToList() ?? [];
        if (instrument is null || first < 1 || last < first || batches.Count == 0)
        {
            await context.RespondAsync(
                new SerialLineageNotFound(
                    instrumentId,
                    first,
                    last,
                    instrument is null
                        ? $"No instrument '{instrumentId}'."
                        : $"No serial of {instrumentId} between {first} and {last} has been issued; {instrument.SerialBatches.Count} "
                            + $"batches, up to serial {instrument.SerialBatches.LastOrDefault()?.Last ?? 0}."
                )
            );
            return;
        }

        var issued = new List<SerialBatch>();
        var steps = new List<(long Sequence, LineageStep Step)>();
        foreach (var batch in batches)
        {
            foreach (
                var e in await session.Events.FetchStreamAsync(
                    Serials.StreamKey(instrumentId, batch.Batch),
                    token: context.CancellationToken
                )
            )
            {
                switch (e.Data)
                {
                    case SerialBatchIssued b:
                        issued.Add(
                            new SerialBatch(b.Serials.Batch, b.IssuanceId, b.Serials, b.ParticipantId, b.Project, b.IssuingBody, b.At)
                        );
                        steps.Add(
                            (
                                e.Sequence,
                                new LineageStep(
                                    SerialMovement.Issued,
                                    [SerialPool.Overlap(b.Serials, wanted)!],
                                    null,
                                    b.ParticipantId,
                                    b.IssuanceId.ToString(),
                                    b.At
                                )
                            )
                        );
                        break;
                    case SerialsMoved m when Clip(m.Blocks, wanted) is { Count: > 0 } blocks:
                        steps.Add((e.Sequence, new LineageStep(m.Kind, blocks, m.From, m.To, m.Reference, m.At)));
                        break;
                }
            }
        }
        var path = steps.OrderBy(s => s.Sequence).Select(s => s.Step).ToList();
        await context.RespondAsync(
            new SerialLineage(
                instrumentId,
                instrument.Unit,
                instrument.Definition.SerialStep(),
                first,
                last,
                issued,
                path,
                LineageFold.Whereabouts(path)
            )
        );
    }

    private static List<SerialBlock> Clip(IEnumerable<SerialBlock> blocks, SerialBlock range) =>
        blocks.Select(b => SerialPool.Overlap(b, range)).OfType<SerialBlock>().ToList();
}

/// <summary>Where serials are after a path of steps: a pure fold, unit-tested.</summary>
public static class LineageFold
{
    /// <summary>
    /// Folds <paramref name="path"/> (issuances first, then movements in the order they happened) into the holder and
    /// status of each part, ordered by serial; neighbouring parts with the same holder and status are joined.
    /// </summary>
    public static IReadOnlyList<SerialWhereabouts> Whereabouts(IEnumerable<LineageStep> path)
    {
        var parts = new List<SerialWhereabouts>();
        foreach (var step in path)
        {
            foreach (var block in step.Blocks)
            {
                var (holder, status) = After(step);
                parts = parts
                    .SelectMany(p =>
                        p.Block.Batch == block.Batch ? SerialPool.Without(p.Block, block).Select(rest => p with { Block = rest }) : [p]
                    )
                    .ToList();
                parts.Add(new SerialWhereabouts(block, holder, status));
            }
        }
        return Join(parts.OrderBy(p => p.Block.First));
    }

    private static (string Holder, string Status) After(LineageStep step) =>
        step.Kind switch
        {
            SerialMovement.Issued
            or SerialMovement.Settled
            or SerialMovement.Transferred
            or SerialMovement.TransferReversed
            or SerialMovement.PledgeEnforced
            or SerialMovement.PledgeReleased => (step.To!, SerialMovement.Held),
            SerialMovement.Pledged => (step.From!, SerialMovement.Pledged),
            _ => (step.From!, step.Kind),
        };

    private static List<SerialWhereabouts> Join(IEnumerable<SerialWhereabouts> parts)
    {
        var joined = new List<SerialWhereabouts>();
        foreach (var part in parts)
        {
            if (
                joined.Count > 0
                && joined[^1] is var prev
                && prev.Holder == part.Holder
                && prev.Status == part.Status
                && prev.Block.Batch == part.Block.Batch
                && prev.Block.Last + 1 == part.Block.First
            )
                joined[^1] = prev with { Block = prev.Block with { Last = part.Block.Last } };
            else
                joined.Add(part);
        }
        return joined;
    }
}
