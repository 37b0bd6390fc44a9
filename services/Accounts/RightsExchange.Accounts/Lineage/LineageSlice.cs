using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Lineage;

/// <summary>Serial lineage: where each serial of a batch went.</summary>
public static class LineageSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddLineage(this ServiceSlices slices) => slices.Query<GetSerialLineageConsumer>();
}
