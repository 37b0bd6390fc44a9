using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Cancellation;

/// <summary>Cancellation of units by a regulator (credits invalidated after issuance).</summary>
public static class CancellationSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddCancellation(this ServiceSlices slices) => slices.Consumer<CancelUnitsConsumer>();
}
