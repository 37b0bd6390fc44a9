using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Reconciliation;

/// <summary>Reconciliation: settlement's records against the registry's postings, once a day and on request.</summary>
public static class ReconciliationSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the settlement service.</summary>
    public static ServiceSlices AddReconciliation(this ServiceSlices slices) =>
        slices
            .Settings<ReconciliationSettings>("Reconciliation")
            .Services(s => s.AddScoped<Reconciler>().AddHostedService<DailyReconciliation>())
            .Consumer<RunReconciliationConsumer>()
            .Query<GetReconciliationsConsumer>();
}
