using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Compensation;

/// <summary>Compensation settlements: every payable compensation year becomes one settlement of its payments.</summary>
public static class CompensationSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the settlement service.</summary>
    public static ServiceSlices AddCompensation(this ServiceSlices slices) =>
        slices.Store(o => o.Schema.For<CompensationSettlement>().Index(s => s.Status)).Consumer<CompensationSettlementConsumer>();
}
