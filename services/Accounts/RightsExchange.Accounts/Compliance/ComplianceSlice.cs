using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Compliance;

/// <summary>Compliance: verified emissions, surrender against them, and each entity's compliance status.</summary>
public static class ComplianceSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddCompliance(this ServiceSlices slices) =>
        slices.Document<ComplianceRecord>().Consumer<ComplianceConsumer>().Query<GetComplianceStatusConsumer>();
}
