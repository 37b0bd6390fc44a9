using RightsExchange.Hosting;

namespace RightsExchange.Accounts.DeliveryVersusPayment;

/// <summary>
/// Delivery versus payment: a settlement's units and cash moved in one commit, one by one (real-time gross) or a net cycle at once; the
/// postings reconciliation reads.
/// </summary>
public static class DeliveryVersusPaymentSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddDeliveryVersusPayment(this ServiceSlices slices) =>
        slices.Consumer<SettlementInstructedConsumer>().Consumer<NetCycleInstructedConsumer>().Query<GetSettlementPostingsConsumer>();
}
