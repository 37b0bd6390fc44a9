using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Retail;

/// <summary>Retail: offers of units to the public and individuals' purchases from them.</summary>
public static class RetailSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddRetail(this ServiceSlices slices) =>
        slices
            .Settings<RetailSettings>("Retail")
            .Document<RetailOffer>()
            .Document<RetailBuyer>()
            .Consumer<RetailOfferConsumer>()
            .Consumer<BuyRetailConsumer>()
            .Query<GetRetailOfferConsumer>();
}
