using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Cash;

/// <summary>Cash accounts: deposits.</summary>
public static class CashSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddCash(this ServiceSlices slices) => slices.Consumer<DepositCashConsumer>();
}
