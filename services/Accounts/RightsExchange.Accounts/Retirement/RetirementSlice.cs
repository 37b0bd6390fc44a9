using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Retirement;

/// <summary>Voluntary retirement of units, and the retirement certificate's query.</summary>
public static class RetirementSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddRetirement(this ServiceSlices slices) =>
        slices.Consumer<RetireUnitsConsumer>().Query<GetRetirementConsumer>();
}
