using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Pledges;

/// <summary>Pledges of units as collateral, spot and forward, and their repurchase.</summary>
public static class PledgesSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddPledges(this ServiceSlices slices) =>
        slices
            .Document<Pledge>()
            .Document<ForwardPledges>()
            .Consumer<PledgeConsumer>()
            .Consumer<PledgeForwardConsumer>()
            .Consumer<RepurchasePledgeConsumer>()
            .Query<GetPledgeConsumer>();
}
