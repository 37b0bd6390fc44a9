using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Expiry;

/// <summary>Expiry of rights past their validity: on request and once a day.</summary>
public static class ExpirySlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddExpiry(this ServiceSlices slices) =>
        slices.Consumer<ExpireRightsConsumer>().Services(s => s.AddHostedService<DailyExpiry>());
}
