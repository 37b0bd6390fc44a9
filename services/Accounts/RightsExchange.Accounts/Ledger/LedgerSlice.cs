using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// The ledger every slice writes through: the group-commit <see cref="LedgerWriter"/>, the registry's shared documents (participants,
/// instruments, holdings, cash accounts, cross-region permits, as-of snapshots) and the service's settings (fee schedule, exchange,
/// registry, regional rules).
/// </summary>
public static class LedgerSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddLedger(this ServiceSlices slices) =>
        slices
            .Settings<FeeScheduleSettings>("FeeSchedule")
            .Settings<ExchangeSettings>("Exchange")
            .Settings<RegistrySettings>("Registry")
            .Settings<RegionalRuleSettings>("Registry:RegionalRules")
            // Each aggregate's document is the fold of its stream, stored by the writer in the commit of every append
            // (not for the order reservation and the settlement record, which only the writer reads: IFold.Documented).
            .Document<Participant>()
            .Document<Instrument>()
            .Document<CashAccount>()
            .Document<CrossRegionPermit>()
            .Store(o => o.Schema.For<Holding>().Index(h => h.ParticipantId))
            .Store(o => o.Schema.For<AsOfSnapshot<Holding>>().Index(s => s.StreamKey))
            .Store(o => o.Schema.For<AsOfSnapshot<CashAccount>>().Index(s => s.StreamKey))
            .Services(s => s.AddSingleton<LedgerWriter>().AddHostedService(sp => sp.GetRequiredService<LedgerWriter>()));
}
