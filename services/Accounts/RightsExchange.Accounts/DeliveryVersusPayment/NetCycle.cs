using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.DeliveryVersusPayment;

/// <summary>
/// Applies an end-of-day net cycle in one commit: each settlement as a gross one is applied (from its reservations,
/// every leg or none, <see cref="SettlementPosted"/> or <see cref="SettlementRefused"/>), then
/// <see cref="NetCycleSettled"/> in stream <c>cycle:{cycleId}</c> with the net movements of what posted. Either the
/// whole cycle commits or none of it does; a malformed cycle is dead-lettered whole.
/// </summary>
public sealed class NetCycleInstructedConsumer(LedgerWriter writer) : IConsumer<MessageBatch<NetCycleInstructed>>
{
    public const string StreamPrefix = "cycle:";

    public Task Consume(ConsumeContext<MessageBatch<NetCycleInstructed>> context) => writer.Apply(context, Handle, (ledger, cycle) =>
        {
            foreach (var s in cycle.Settlements)
                SettlementInstructedConsumer.Announce(ledger, s);
        });

    public static async Task Handle(LedgerCommit ledger, NetCycleInstructed cycle)
    {
        if (
            string.IsNullOrWhiteSpace(cycle.CycleId)
            || cycle.Settlements.Count == 0
            || cycle.Settlements.Select(s => s.SettlementId).Distinct().Count() != cycle.Settlements.Count
        )
            throw new MalformedMessageException($"Net cycle '{cycle.CycleId}' has no id, no settlements or a settlement twice.");

        var posted = new List<SettlementInstructed>();
        var refused = new List<string>();
        foreach (var s in cycle.Settlements)
        {
            await SettlementInstructedConsumer.Handle(ledger, s);
            var record = await ledger.Streams.Open<SettlementRecord>(StreamKeys.Settlement(s.SettlementId));
            if (record.State?.Outcome == SettlementOutcome.Posted)
                posted.Add(s);
            else
                refused.Add(s.SettlementId);
        }
        ledger.Streams.Session.Events.StartStream(
            StreamPrefix + cycle.CycleId,
            new NetCycleSettled(
                cycle.CycleId,
                posted.Select(s => s.SettlementId).ToList(),
                refused,
                NetObligation.Of(posted, ledger.FeeAccountId),
                ledger.Now
            )
        );
    }
}
