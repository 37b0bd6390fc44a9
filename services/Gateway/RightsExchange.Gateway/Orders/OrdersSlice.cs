using MassTransit;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Orders;

/// <summary>
/// Orders at the edge: <see cref="OrderSubmitter"/> sends each order through the batching <see cref="OrderCommands"/>, and
/// <see cref="OrderOutcomes"/> waits for its outcome on a queue of this gateway instance's own.
/// </summary>
public static class OrdersSlice
{
    /// <summary>Registers the slice's services, the outcome consumer and the order look-up's client with the gateway.</summary>
    public static ServiceSlices AddOrders(this ServiceSlices slices) =>
        slices
            .Services(s =>
                s.AddSingleton(slices.Configuration.GetSection("Gateway").Get<GatewaySettings>() ?? new GatewaySettings())
                    .AddSingleton<OrderOutcomes>()
                    .AddScoped<OrderSubmitter>()
                    .AddSingleton<OrderCommands>()
                    .AddHostedService(sp => sp.GetRequiredService<OrderCommands>())
            )
            .Bus(bus =>
            {
                // Each gateway instance waits for its own requests' outcomes: a temporary queue of its own (an instance id in its name).
                bus.AddConsumer<OrderOutcomeConsumer>()
                    .Endpoint(e =>
                    {
                        e.Temporary = true;
                        e.InstanceId = Guid.NewGuid().ToString("N")[..12];
                    });
                // One order's look-up answers in milliseconds; while a back end recovers (a broker restart), answering 503 after 5 s
                // tells the client to retry, where MassTransit's 30 s default outlasts most clients' own timeouts (the chaos run).
                bus.AddRequestClient<GetOrder>(RequestTimeout.After(s: 5));
            });
}
