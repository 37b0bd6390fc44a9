using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Orders;

/// <summary>
/// Orders: funding an order (reserving its units or cash), an amendment's funding, and releasing what a closed order still holds.
/// </summary>
public static class OrdersSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddOrders(this ServiceSlices slices) =>
        slices.Consumer<PlaceOrderConsumer>().Consumer<AmendOrderConsumer>().Consumer<OrderClosedConsumer>();
}
