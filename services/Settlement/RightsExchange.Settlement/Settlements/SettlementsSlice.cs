using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Settlements;

/// <summary>
/// Settlements: every trade becomes one delivery-versus-payment settlement with its fees, written by the group-commit <see
/// cref="SettlementWriter"/>, and ends settled or failed on the registry's answer.
/// </summary>
public static class SettlementsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the settlement service.</summary>
    public static ServiceSlices AddSettlements(this ServiceSlices slices) =>
        slices
            .Settings<FeeScheduleSettings>("FeeSchedule")
            .Settings<ExchangeSettings>("Exchange")
            // Its table keeps the name it had as Settlement (mt_doc_settlement).
            .Store(o =>
                o.Schema.For<TradeSettlement>().DocumentAlias("settlement").Index(s => s.Instructions.InstrumentId).Index(s => s.Status)
            )
            .Services(s => s.AddSingleton<SettlementWriter>().AddHostedService(sp => sp.GetRequiredService<SettlementWriter>()))
            .Consumer<TradeExecutedConsumer>()
            .Consumer<SettlementOutcomeConsumer>();
}
