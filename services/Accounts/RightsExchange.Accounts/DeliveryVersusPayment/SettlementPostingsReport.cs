using Marten;
using Marten.Events;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.Accounts.DeliveryVersusPayment;

/// <summary>
/// Answers <see cref="GetSettlementPostings"/> for settlement's reconciliation, a page at a time: the settlement
/// outcomes and the movements settlements posted (trades' and compensation payments'), read from the raw events up to
/// the cut (the audit chain's head when
/// the first page is asked for), and on the first page the fee account's balance at the cut. The chain only advances
/// over a gap-free log, so the pages together are one consistent cut of the registry.
/// </summary>
public sealed class GetSettlementPostingsConsumer(IQuerySession session, AuditChainStore chain, IOptions<ExchangeSettings> exchange)
    : IConsumer<GetSettlementPostings>
{
    /// <summary>Events per page when the request leaves it to us: a page of about 3 MB of JSON.</summary>
    public const int DefaultPage = 20_000;

    public async Task Consume(ConsumeContext<GetSettlementPostings> context)
    {
        var ct = context.CancellationToken;
        var request = context.Message;
        var cut = request.Cut ?? (await chain.Head(ct))?.Sequence ?? 0;
        var cutHash =
            cut == 0 ? null
            : await chain.LinkAtOrBelow(cut, ct) is { } link ? AuditChain.Hex(link.Hash)
            : null;
        var cutAt =
            cut == 0
                ? Instant.MinValue
                : Instant.FromDateTimeOffset(
                    await session.Events.QueryAllRawEvents().Where(e => e.Sequence == cut).Select(e => e.Timestamp).SingleAsync(ct)
                );
        var limit = request.Limit > 0 ? request.Limit : DefaultPage;
        var events = await session
            .Events.QueryAllRawEvents()
            .Where(e =>
                e.Sequence > request.After
                && e.Sequence <= cut
                && e.EventTypesAre(
                    typeof(SettlementPosted),
                    typeof(SettlementRefused),
                    typeof(UnitsDelivered),
                    typeof(UnitsReceived),
                    typeof(ConsiderationPaid),
                    typeof(ConsiderationReceived),
                    typeof(FeesCollected),
                    typeof(CompensationPaid),
                    typeof(CompensationPaymentFailed),
                    typeof(CompensationCashPaid),
                    typeof(CompensationCashReceived)
                )
            )
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(ct);

        var outcomes = new List<SettlementOutcome>();
        var legs = new List<PostingLeg>();
        foreach (var e in events)
        {
            var key = e.StreamKey!;
            switch (e.Data)
            {
                case SettlementPosted p:
                    outcomes.Add(new SettlementOutcome(p.SettlementId, SettlementOutcome.Posted, p.PostedAt));
                    break;
                case SettlementRefused r:
                    outcomes.Add(new SettlementOutcome(r.SettlementId, SettlementOutcome.Refused, r.RefusedAt));
                    break;
                case UnitsDelivered d:
                    legs.Add(HoldingLeg(d.SettlementId, "UnitsDelivered", key, d.Quantity));
                    break;
                case UnitsReceived r:
                    legs.Add(HoldingLeg(r.SettlementId, "UnitsReceived", key, r.Quantity));
                    break;
                case ConsiderationPaid p:
                    legs.Add(
                        new PostingLeg(p.SettlementId, "CashPaid", key[CashAccount.StreamPrefix.Length..], null, p.Consideration + p.Fee)
                    );
                    break;
                case ConsiderationReceived r:
                    legs.Add(
                        new PostingLeg(
                            r.SettlementId,
                            "CashReceived",
                            key[CashAccount.StreamPrefix.Length..],
                            null,
                            r.Consideration - r.Fee
                        )
                    );
                    break;
                case FeesCollected f:
                    legs.Add(
                        new PostingLeg(
                            f.SettlementId,
                            "FeesCollected",
                            key[CashAccount.StreamPrefix.Length..],
                            null,
                            f.BuyerFee + f.SellerFee
                        )
                    );
                    break;
                case CompensationPaid { SettlementId: { } id } p:
                    outcomes.Add(new SettlementOutcome(id, SettlementOutcome.Posted, p.PaidAt));
                    break;
                case CompensationPaymentFailed { SettlementId: { } id } f:
                    outcomes.Add(new SettlementOutcome(id, SettlementOutcome.Refused, f.FailedAt));
                    break;
                case CompensationCashPaid { SettlementId: { } id } p:
                    legs.Add(new PostingLeg(id, "CompensationPaid", key[CashAccount.StreamPrefix.Length..], null, p.Amount.Amount));
                    break;
                case CompensationCashReceived { SettlementId: { } id } r:
                    legs.Add(new PostingLeg(id, "CompensationReceived", key[CashAccount.StreamPrefix.Length..], null, r.Amount.Amount));
                    break;
            }
        }
        var feeAccountId = exchange.Value.FeeAccountId;
        var feeHeld = request.After == 0 ? await FeeAccountHeld(StreamKeys.Cash(feeAccountId), cut, ct) : 0m;
        long? next = events.Count == limit ? events[^1].Sequence : null;
        await context.RespondAsync(new SettlementPostings(cut, cutHash, cutAt, outcomes, legs, feeAccountId, feeHeld, next));
    }

    private async Task<decimal> FeeAccountHeld(string feeStream, long cut, CancellationToken ct)
    {
        var events = await session
            .Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == feeStream && e.Sequence <= cut)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        CashAccount? account = null;
        foreach (var e in events)
            account = CashAccount.Fold(account, feeStream, e.Data);
        return account?.Held ?? 0m;
    }

    /// <summary>A unit movement; the holding's stream key is <c>holding:{participant}:{instrument}</c>.</summary>
    private static PostingLeg HoldingLeg(string settlementId, string kind, string streamKey, decimal quantity)
    {
        var rest = streamKey[Holding.StreamPrefix.Length..];
        var split = rest.LastIndexOf(':');
        return new PostingLeg(settlementId, kind, rest[..split], rest[(split + 1)..], quantity);
    }
}
