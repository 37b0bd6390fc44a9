using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Transfers;

/// <summary>Off-exchange transfers between holding accounts, and their reversal.</summary>
public static class TransfersSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddTransfers(this ServiceSlices slices) =>
        slices.Document<TransferRecord>().Consumer<TransferUnitsConsumer>();
}
