using JasperFx.Events.Projections;
using RightsExchange.Hosting;
using RightsExchange.Matching.Books;

namespace RightsExchange.Matching.Orders;

/// <summary>
/// Orders: new, amended and cancelled orders reach their book on its partition's queue; each order's summary is projected in the commit
/// of its journal and read back.
/// </summary>
public static class OrdersSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the matching service.</summary>
    public static ServiceSlices AddOrders(this ServiceSlices slices) =>
        slices
            .Store(o => o.Projections.Add(new OrderSummaryProjection(), ProjectionLifecycle.Inline))
            .ConsumerOn<OrderInputConsumer>(PartitionOptions.Endpoint)
            .Query<GetOrderConsumer>();
}
