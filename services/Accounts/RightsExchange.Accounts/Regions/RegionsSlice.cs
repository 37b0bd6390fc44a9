using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Regions;

/// <summary>Regional rules: a regulator's cross-region approval for a region-bound right.</summary>
public static class RegionsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddRegions(this ServiceSlices slices) =>
        slices.Consumer<CrossRegionApprovalConsumer>().Query<GetCrossRegionApprovalConsumer>();
}
