using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Issuance;

/// <summary>Issuance of units to a holding account, and its reversal.</summary>
public static class IssuanceSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddIssuance(this ServiceSlices slices) =>
        slices.Document<IssuanceReversal>().Consumer<IssueUnitsConsumer>().Consumer<ReverseIssuanceConsumer>();
}
