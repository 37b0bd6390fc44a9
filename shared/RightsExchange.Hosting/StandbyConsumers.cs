using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;

namespace RightsExchange.Hosting;

/// <summary>
/// One active consumer per durable queue (RabbitMQ single active consumer): with several instances of a service, one
/// consumes each queue and the others stand by, the broker handing the queue to another as soon as the active one's
/// connection goes. Instances that competed for the same queues wrote the same streams (a trader's cash and holdings,
/// the fee account) at once and lost the race to each other's commits: in the chaos run two accounts instances hit
/// about 3,000 stream-version conflicts a minute and fell minutes behind a load one instance carries alone. Queries
/// write nothing and keep competing consumers (<see cref="QueryDefinition{TConsumer}"/>).
/// </summary>
public static class StandbyConsumers
{
    /// <summary>Makes <paramref name="endpoint"/>'s queue single-active-consumer when it is durable and shared.</summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint)
    {
        if (
            endpoint is IRabbitMqReceiveEndpointConfigurator queue
            && endpoint is IRabbitMqReceiveEndpointConfiguration { Settings: { Durable: true, AutoDelete: false, Exclusive: false } }
        )
            queue.SingleActiveConsumer = true;
    }

    /// <summary>Lets every instance consume <paramref name="endpoint"/>'s queue at once (a query's).</summary>
    public static void Compete(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator queue)
            queue.SingleActiveConsumer = false;
    }
}
