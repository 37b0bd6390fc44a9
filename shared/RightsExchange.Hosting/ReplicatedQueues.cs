using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RightsExchange.Hosting;

/// <summary>
/// Quorum queues, when <c>RabbitMq:QuorumQueues</c> is true (a RabbitMQ cluster, <c>deploy/rabbitmq-cluster.sh</c>): every
/// durable queue of the exchange is declared replicated over the cluster's nodes (Raft), so the loss of a node loses no
/// message that was confirmed. Temporary per-instance queues stay classic: a quorum queue is durable by nature (each
/// process's bus endpoint, where its replies come, is a quorum queue too: <c>ServiceDefaults</c>). Single
/// active consumer, which the matching partitions and the feed rely on, works on quorum queues as on classic ones.
/// </summary>
public static class ReplicatedQueues
{
    /// <summary>Declares <paramref name="endpoint"/>'s queue a quorum queue when the settings ask for it.</summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint, RabbitMqSettings rabbit)
    {
        if (!rabbit.QuorumQueues || endpoint is not IRabbitMqReceiveEndpointConfigurator queue)
            return;
        if (
            endpoint is IRabbitMqReceiveEndpointConfiguration { Settings: var settings }
            && (!settings.Durable || settings.AutoDelete || settings.Exclusive)
        )
            return;
        queue.SetQuorumQueue();
    }

    /// <summary>As <see cref="Apply(IReceiveEndpointConfigurator, RabbitMqSettings)"/>, with the service's settings.</summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint, IRegistrationContext context) =>
        Apply(endpoint, context.GetRequiredService<RabbitMqSettings>());
}
