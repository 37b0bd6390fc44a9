using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RightsExchange.Hosting.Audit;
using RightsExchange.Hosting.Batching;

namespace RightsExchange.Hosting;

// MassTransit over RabbitMQ, the clock, telemetry and health checks of every host.
public static partial class ServiceDefaults
{
    /// <summary>
    /// Adds messaging (below) with the consumers, request clients and own endpoints the service's slices registered; a
    /// consumer on an own endpoint (<see cref="ServiceSlices.ConsumerOn{TConsumer}"/>) gets no default endpoint.
    /// </summary>
    public static WebApplicationBuilder AddRightsExchangeMessaging(
        this WebApplicationBuilder builder,
        string serviceName,
        ServiceSlices slices
    ) =>
        builder.AddRightsExchangeMessaging(serviceName, slices.ConfigureBus, slices.ConfigureEndpoints, slices.ExcludeOwnEndpointConsumers);

    /// <summary>
    /// Adds the clock, MassTransit (consumers registered by <paramref name="configureBus"/>, each on the service's
    /// default endpoints unless <paramref name="excludeFromDefaultEndpoints"/> excludes it) and health checks.
    /// Every bus routes matching inputs by partition (<see cref="MatchingPartitions"/>).
    /// </summary>
    private static WebApplicationBuilder AddRightsExchangeMessaging(
        this WebApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator> configureBus,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureEndpoints = null,
        Action<MassTransit.DependencyInjection.Registration.IRegistrationFilterConfigurator>? excludeFromDefaultEndpoints = null
    )
    {
        AddMarketSettings(builder.Configuration);
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.AddRightsExchangeTelemetry(serviceName);
        var rabbit = builder.Configuration.GetSection("RabbitMq").Get<RabbitMqSettings>() ?? new RabbitMqSettings();
        builder.Services.AddSingleton(rabbit);
        var prefix = builder.Configuration["Messaging:EndpointPrefix"];

        var endpointPrefix = string.IsNullOrEmpty(prefix) ? serviceName : $"{prefix}-{serviceName}";
        var partitions = new PartitionCount(builder.Configuration.GetValue(MatchingPartitions.CountKey, 4));
        builder.Services.AddSingleton(partitions);
        builder.Services.AddSingleton<BatchPublisher>();
        builder.Services.AddSingleton<QueueDepths>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueDepths>());
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<QueueDepths>());
        // A service with a log answers the regulators' audit requests for it (AddRightsExchangeStore came first).
        var auditedLog = builder.Services.Select(s => s.ImplementationInstance).OfType<AuditChainSettings>().FirstOrDefault()?.Schema;

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            x.DisableUsageTelemetry();
            x.AddConfigureEndpointsCallback(
                (_, _, endpoint) =>
                {
                    ReplicatedQueues.Apply(endpoint, rabbit);
                    StandbyConsumers.Apply(endpoint);
                }
            );
            configureBus(x);
            if (auditedLog is not null)
                x.AddConsumer<AuditLogQueryConsumer>();
            x.UsingRabbitMq(
                (context, cfg) =>
                {
                    cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                        h.PublisherConfirmation = true;
                        // A cluster: the first node that answers, and the others when it goes.
                        if (rabbit.Nodes.Length > 0)
                            h.UseCluster(c =>
                            {
                                foreach (var node in rabbit.Nodes)
                                    c.Node(node);
                            });
                    });
                    cfg.ConfigureJsonSerializerOptions(ConfigureJson);
                    // A writer retries transient database faults itself (Polly, TransientFaults); this outer bound covers the
                    // rest (a reply or publish that failed). Past it, or at once for a malformed message, the message moves
                    // to the endpoint's _error queue with the exception as its reason, and the published Fault raises an alert.
                    cfg.UseMessageRetry(r =>
                    {
                        r.Ignore<MalformedMessageException>();
                        r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                        r.ConnectRetryObserver(new RequestFaultAlerts());
                    });
                    cfg.PrefetchCount = 256;
                    // Replies come to the bus endpoint. Its exchange is durable and never auto-deleted, so a reply to a process
                    // that is gone (killed, or the broker restarted) is dropped or left in the queue until it expires (one
                    // minute unused), where a reply to a deleted temporary exchange closed the responder's consumer channel and
                    // that queue stopped being consumed (the chaos run). Each process start leaves one empty exchange behind.
                    cfg.Durable = true;
                    cfg.AutoDelete = false;
                    // On a cluster a durable classic queue lives on one node, and while that node is down it can be neither
                    // used nor declared again elsewhere (404 "home node ... is down"): every reply to this process would
                    // wait for that node (the node-kill drill). A quorum queue is on every node.
                    if (rabbit.QuorumQueues)
                        cfg.SetQuorumQueue();
                    MatchingPartitions.ConfigureTopology(cfg, partitions.Value);
                    AuditLogRouting.ConfigureTopology(cfg);
                    if (auditedLog is not null)
                        AuditLogRouting.ConfigureEndpoint(context, cfg, $"{endpointPrefix}-audit", auditedLog);
                    configureEndpoints?.Invoke(context, cfg);
                    cfg.ConfigureEndpoints(context, filter =>
                    {
                        filter.Exclude<AuditLogQueryConsumer>();
                        excludeFromDefaultEndpoints?.Invoke(filter);
                    });
                }
            );
        });
        return builder;
    }
}
