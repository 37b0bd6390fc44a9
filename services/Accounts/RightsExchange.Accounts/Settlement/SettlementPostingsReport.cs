using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.Accounts.Settlement;

/// <summary>
/// Answers <see cref="GetSettlementPostings"/> for settlement's reconciliation: every settlement outcome and every
/// movement a settlement posted, and the fee account's balance, read from the raw events up to the audit chain's
/// head. The chain only advances over a gap-free log, so the reply is one consistent cut of the registry.
/// </summary>
public sealed class GetSettlementPostingsConsumer(IQuerySession session, AuditChainStore chain, IOptions<ExchangeSettings> exchange)
    : IConsumer<GetSettlementPostings>
{
    public async Task Consume(ConsumeContext<GetSettlementPostings> context)
    {
        var ct = context.CancellationToken;
        var head = await chain.Head(ct);
        var cut = head?.Sequence ?? 0;
        var cutAt = cut == 0
            ? Instant.MinValue
            : Instant.FromDateTimeOffset(await session.Events.QueryAllRawEvents().Where(e => e.Sequence == cut).Select(e => e.Timestamp).SingleAsync(ct));
        var feeAccountId = exchange.Value.FeeAccountId;
        var feeStream = StreamKeys.Cash(feeAccountId);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence <= cut && (e.StreamKey!.StartsWith(SettlementRecord.StreamPrefix)
                                              || e.StreamKey!.StartsWith(Holding.StreamPrefix)
                                              || e.StreamKey!.StartsWith(CashAccount.StreamPrefix)))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);

        var outcomes = new List<SettlementOutcome>();
        var legs = new List<PostingLeg>();
        CashAccount? feeAccount = null;
        foreach (var e in events)
        {
            var key = e.StreamKey!;
            if (key == feeStream) feeAccount = CashAccount.Fold(feeAccount, key, e.Data);
            switch (e.Data)
            {
                case SettlementPosted p: outcomes.Add(new SettlementOutcome(p.SettlementId, SettlementOutcome.Posted, p.PostedAt)); break;
                case SettlementRefused r: outcomes.Add(new SettlementOutcome(r.SettlementId, SettlementOutcome.Refused, r.RefusedAt)); break;
                case UnitsDelivered d: legs.Add(HoldingLeg(d.SettlementId, "UnitsDelivered", key, d.Quantity)); break;
                case UnitsReceived r: legs.Add(HoldingLeg(r.SettlementId, "UnitsReceived", key, r.Quantity)); break;
                case ConsiderationPaid p: legs.Add(new PostingLeg(p.SettlementId, "CashPaid", key[CashAccount.StreamPrefix.Length..], null, p.Consideration + p.Fee)); break;
                case ConsiderationReceived r: legs.Add(new PostingLeg(r.SettlementId, "CashReceived", key[CashAccount.StreamPrefix.Length..], null, r.Consideration - r.Fee)); break;
                case FeesCollected f: legs.Add(new PostingLeg(f.SettlementId, "FeesCollected", key[CashAccount.StreamPrefix.Length..], null, f.BuyerFee + f.SellerFee)); break;
            }
        }
        await context.RespondAsync(new SettlementPostings(cut, head is null ? null : AuditChain.Hex(head.Hash), cutAt, outcomes, legs,
            feeAccountId, feeAccount?.Held ?? 0m));
    }

    /// <summary>A unit movement; the holding's stream key is <c>holding:{participant}:{instrument}</c>.</summary>
    private static PostingLeg HoldingLeg(string settlementId, string kind, string streamKey, decimal quantity)
    {
        var rest = streamKey[Holding.StreamPrefix.Length..];
        var split = rest.LastIndexOf(':');
        return new PostingLeg(settlementId, kind, rest[..split], rest[(split + 1)..], quantity);
    }
}
