using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.Accounts.Positions;

/// <summary>
/// Answers <see cref="GetAccount"/>: holdings and cash now, or as of an instant by folding each stream's events
/// recorded up to that instant, from the latest snapshot before it (<see cref="AsOfFolds"/>). Replies
/// <see cref="AccountNotFound"/> for an unknown participant.
/// </summary>
public sealed class GetAccountConsumer(IQuerySession session, IDocumentStore store, IClock clock, IOptions<RegistrySettings> settings)
    : IConsumer<GetAccount>
{
    public async Task Consume(ConsumeContext<GetAccount> context)
    {
        var query = context.Message;
        var ct = context.CancellationToken;
        var participant = await session.LoadAsync<Participant>(StreamKeys.Participant(query.ParticipantId), ct);
        if (participant is null)
        {
            await context.RespondAsync(new AccountNotFound(query.ParticipantId));
            return;
        }
        var units = (await session.Query<Instrument>().ToListAsync(ct)).ToDictionary(i => i.InstrumentId, i => i.Unit);
        var holdings = await session.Query<Holding>().Where(h => h.ParticipantId == query.ParticipantId).ToListAsync(ct);
        var cashKey = StreamKeys.Cash(query.ParticipantId);
        CashAccount? cash;
        IEnumerable<Holding> positions;
        if (query.AsOf is { } asOf)
        {
            var asOfUtc = asOf.ToDateTimeOffset();
            var folded = new List<Holding>();
            foreach (var h in holdings)
            {
                if (await AsOfFolds.Fold<Holding>(store, h.Id, asOfUtc, settings.Value.AsOfSnapshotEvery, ct) is { } then)
                    folded.Add(then);
            }
            positions = folded;
            cash = await AsOfFolds.Fold<CashAccount>(store, cashKey, asOfUtc, settings.Value.AsOfSnapshotEvery, ct);
        }
        else
        {
            positions = holdings;
            cash = await session.LoadAsync<CashAccount>(cashKey, ct);
        }
        var lines = positions
            .OrderBy(h => h.InstrumentId, StringComparer.Ordinal)
            .Select(h => new HoldingLine(
                h.InstrumentId,
                units.GetValueOrDefault(h.InstrumentId, "?"),
                h.Available,
                h.Reserved,
                h.Pledged,
                h.Retired,
                h.Surrendered,
                h.Cancelled,
                h.Expired,
                h.Serials,
                h.PledgedSerials?.SelectMany(p => p.Blocks).ToList()
            ))
            .ToList();
        await context.RespondAsync(
            new AccountStatement(
                query.ParticipantId,
                participant.Name,
                query.AsOf ?? clock.GetCurrentInstant(),
                lines,
                new CashLine(cash?.Available ?? 0m, cash?.Reserved ?? 0m)
            )
        );
    }
}

/// <summary>
/// Answers <see cref="GetConservation"/>: for every instrument, units issued (the sum of <see cref="UnitsIssued"/> events
/// less that of <see cref="IssuanceReversed"/>)
/// against units held in all holding accounts (available + reserved + pledged) plus units retired, surrendered, cancelled or expired; for
/// cash, CNY deposited against CNY held in all
/// cash accounts, the fee account included.
/// </summary>
public sealed class GetConservationConsumer(IQuerySession session) : IConsumer<GetConservation>
{
    public async Task Consume(ConsumeContext<GetConservation> context)
    {
        var ct = context.CancellationToken;
        var instruments = await session.Query<Instrument>().ToListAsync(ct);
        var issued = (await session.Events.QueryRawEventDataOnly<UnitsIssued>().ToListAsync(ct))
            .GroupBy(e => e.InstrumentId)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Quantity.Amount));
        foreach (var reversal in await session.Events.QueryRawEventDataOnly<IssuanceReversed>().ToListAsync(ct))
            issued[reversal.InstrumentId] -= reversal.Quantity.Amount;
        var holdings = (await session.Query<Holding>().ToListAsync(ct)).GroupBy(h => h.InstrumentId).ToList();
        var held = holdings.ToDictionary(g => g.Key, g => g.Sum(h => h.Held));
        var retired = holdings.ToDictionary(g => g.Key, g => g.Sum(h => h.Retired));
        var surrendered = holdings.ToDictionary(g => g.Key, g => g.Sum(h => h.Surrendered));
        var cancelled = holdings.ToDictionary(g => g.Key, g => g.Sum(h => h.Cancelled));
        var expired = holdings.ToDictionary(g => g.Key, g => g.Sum(h => h.Expired));
        var lines = instruments
            .OrderBy(i => i.InstrumentId, StringComparer.Ordinal)
            .Select(i =>
            {
                var a = issued.GetValueOrDefault(i.InstrumentId);
                var b = held.GetValueOrDefault(i.InstrumentId);
                var r = retired.GetValueOrDefault(i.InstrumentId);
                var s = surrendered.GetValueOrDefault(i.InstrumentId);
                var c = cancelled.GetValueOrDefault(i.InstrumentId);
                var x = expired.GetValueOrDefault(i.InstrumentId);
                return new InstrumentConservation(i.InstrumentId, i.Unit, a, b, b + r + s + c + x - a, r, s, c, x);
            })
            .ToList();
        var deposited = (await session.Events.QueryRawEventDataOnly<CashDeposited>().ToListAsync(ct)).Sum(e => e.Amount.Amount);
        var cashHeld = (await session.Query<CashAccount>().ToListAsync(ct)).Sum(c => c.Held);
        var cash = new CashConservation(deposited, cashHeld, cashHeld - deposited);
        await context.RespondAsync(new ConservationReport(lines, cash, lines.All(l => l.Difference == 0) && cash.Difference == 0));
    }
}

/// <summary>
/// Answers <see cref="GetPositions"/> for regulators: folds the holding streams' raw events that were committed by the
/// instant asked for and chained by the time of the query, so the report states exactly which log it was computed from
/// (its cut: the chain head's sequence and hash).
/// </summary>
public sealed class GetPositionsConsumer(IQuerySession session, AuditChainStore chain, IClock clock) : IConsumer<GetPositions>
{
    public async Task Consume(ConsumeContext<GetPositions> context)
    {
        var query = context.Message;
        var ct = context.CancellationToken;
        var head = await chain.Head(ct);
        var cut = head?.Sequence ?? 0;
        var asOf = query.AsOf ?? clock.GetCurrentInstant();
        var until = asOf.ToDateTimeOffset();
        var prefix = query.ParticipantId is null ? Holding.StreamPrefix : $"{Holding.StreamPrefix}{query.ParticipantId}:";
        var events = session
            .Events.QueryAllRawEvents()
            .Where(e => e.Sequence <= cut && e.Timestamp <= until && e.StreamKey!.StartsWith(prefix));
        if (query.InstrumentId is { } instrumentId)
        {
            var suffix = ":" + instrumentId;
            events = events.Where(e => e.StreamKey!.EndsWith(suffix));
        }
        var positions = new Dictionary<string, Holding>();
        foreach (var e in await events.OrderBy(e => e.Sequence).ToListAsync(ct))
            positions[e.StreamKey!] = Holding.Fold(positions.GetValueOrDefault(e.StreamKey!), e.StreamKey!, e.Data)!;
        var units = (await session.Query<Instrument>().ToListAsync(ct)).ToDictionary(i => i.InstrumentId, i => i.Unit);
        var lines = positions
            .Values.Where(h => h.Held != 0m)
            .OrderBy(h => h.InstrumentId, StringComparer.Ordinal)
            .ThenBy(h => h.ParticipantId, StringComparer.Ordinal)
            .Select(h => new PositionLine(
                h.ParticipantId,
                h.InstrumentId,
                units.GetValueOrDefault(h.InstrumentId, "?"),
                h.Available,
                h.Reserved,
                h.Pledged
            ))
            .ToList();
        await context.RespondAsync(new PositionReport(asOf, cut, head is null ? null : AuditChain.Hex(head.Hash), lines));
    }
}
