using MassTransit;

namespace RightsExchange.Hosting;

/// <summary>
/// The endpoint of a query's consumer (a read that changes nothing): a query that still fails after its retries is
/// answered to its requester as a fault and then discarded, not moved to the <c>_error</c> queue. There is nothing to
/// replay and the requester has its answer (the gateway a 5xx); <see cref="RequestFaultAlerts"/> raises no alert for it.
/// Every instance of the service consumes it at once (<see cref="StandbyConsumers"/>): a read needs no single writer.
/// Register with <c>AddConsumer&lt;TConsumer&gt;(typeof(QueryDefinition&lt;TConsumer&gt;))</c>.
/// </summary>
public sealed class QueryDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context
    )
    {
        StandbyConsumers.Compete(endpointConfigurator);
        endpointConfigurator.DiscardFaultedMessages();
        RequestFaultAlerts.Query(typeof(TConsumer));
    }
}
