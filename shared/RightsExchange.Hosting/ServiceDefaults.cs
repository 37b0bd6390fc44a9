using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using NodaTime;
using RightsExchange.Contracts;
using RightsExchange.Hosting.Audit;
using RightsExchange.Hosting.Batching;

namespace RightsExchange.Hosting;

/// <summary>
/// What every RightsExchange host shares: the NodaTime clock, MassTransit over RabbitMQ, a Marten store in the
/// service's own schema with the outbox relay, health checks and logging.
/// Configuration keys: <c>ConnectionStrings:Marten</c>, <c>RabbitMq:Host|Port|VirtualHost|Username|Password</c>,
/// <c>Messaging:EndpointPrefix</c> (optional, isolates queue names, e.g. per test run).
/// </summary>
public static class ServiceDefaults
{
    /// <summary>JSON settings used on the wire and in the event store (<see cref="ContractJson"/>).</summary>
    public static JsonSerializerOptions ConfigureJson(JsonSerializerOptions options) => ContractJson.Configure(options);

    /// <summary>
    /// Adds the clock, MassTransit (consumers registered by <paramref name="configureBus"/>, each on the service's
    /// default endpoints unless <paramref name="excludeFromDefaultEndpoints"/> excludes it) and health checks.
    /// Every bus routes matching inputs by partition (<see cref="MatchingPartitions"/>).
    /// </summary>
    public static WebApplicationBuilder AddRightsExchangeMessaging(
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

    /// <summary>
    /// Adds the service's Marten store in schema <paramref name="schema"/> (string stream keys, NodaTime-aware JSON), and
    /// the loops that follow its event table, each run by one process of the service at a time (<see cref="LeaderLoop"/>):
    /// the outbox relay (<see cref="OutboxRelay"/>, behind the writers' <see cref="CommitPublisher"/>) and the audit chain
    /// over every event (<see cref="AuditChainExtender"/>; a checkpoint every <c>Audit:CheckpointEvery</c> events, 1,000,
    /// or <c>Audit:CheckpointInterval</c>, 30 s, whichever comes first). Marten's async daemon is not used: nothing
    /// here is projected asynchronously.
    /// </summary>
    /// <param name="appendMode">
    /// How Marten appends: <see cref="EventAppendMode.Quick"/> (one server-side function call per stream and commit, for
    /// stores whose commits touch many streams with a few events each: the registry, settlement) or
    /// <see cref="EventAppendMode.Rich"/> (one insert per event, for stores that append many events to one stream per
    /// commit: the engine's journal, the feed; the function's cost grows with the square of a call's events).
    /// </param>
    public static WebApplicationBuilder AddRightsExchangeStore(
        this WebApplicationBuilder builder,
        string schema,
        Action<StoreOptions> configure,
        EventAppendMode appendMode = EventAppendMode.Quick
    )
    {
        var connectionString = StoreConnectionString(
            builder.Configuration.GetConnectionString("Marten")
                ?? throw new InvalidOperationException("ConnectionStrings:Marten is not set (see README, Configuration).")
        );
        var outbox = builder.Configuration.GetSection("Outbox");
        builder.Services.AddSingleton(
            new OutboxRelaySettings(schema, outbox.GetValue("FastPath", true))
            {
                FastPollingTime = outbox.GetValue("FastPollingTime", TimeSpan.FromMilliseconds(100)),
                SlowPollingTime = outbox.GetValue("SlowPollingTime", TimeSpan.FromMilliseconds(250)),
                RelayAfter = outbox.GetValue("RelayAfter", TimeSpan.FromSeconds(1)),
            }
        );
        builder.Services.AddSingleton<CommitPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CommitPublisher>());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Messaging:Retry").Get<RetrySettings>() ?? new RetrySettings());
        builder.Services.AddSingleton(
            builder.Configuration.GetSection("Messaging:GroupCommit").Get<GroupCommitSettings>() ?? new GroupCommitSettings()
        );
        builder.Services.AddSingleton(
            new AuditChainSettings(
                schema,
                builder.Configuration.GetValue("Audit:CheckpointEvery", 1_000),
                Duration.FromTimeSpan(builder.Configuration.GetValue("Audit:CheckpointInterval", TimeSpan.FromSeconds(30)))
            )
            {
                PollingTime = builder.Configuration.GetValue("Audit:PollingTime", TimeSpan.FromMilliseconds(100)),
            }
        );
        // A data source of its own (created and disposed by the container) for the loops, which read raw rows Marten does
        // not expose and hold their leadership locks (LeaderLoop releases them itself: the pool does not reset sessions).
        builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton(sp => new EventLog(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), schema));
        builder.Services.AddSingleton(sp => new AuditChainStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), schema));
        builder
            .Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.Events.StreamIdentity = StreamIdentity.AsString;
                options.Events.AppendMode = appendMode;
                // Enums are stored as their names (ContractJson), so LINQ must compare them as strings.
                options.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, configure: j => ConfigureJson(j));
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // Instances started together race to create the schema; the one that loses starts on the winner's.
                options.ResourceMigrationFailureMode = ResourceMigrationFailureMode.ContinueOnFailures;
                options.Storage.ExtendedSchemaObjects.Add(Inbox.Table(schema));
                configure(options);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        // After Marten's own start, which creates the schema the loops read.
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHostedService<AuditChainExtender>();
        return builder;
    }

    /// <summary>
    /// The store's connection string with the pool tuned for many short sessions: no <c>DISCARD ALL</c> each time a
    /// connection goes back to the pool (nothing here leaves session state behind; locks are transaction-scoped), and
    /// statements used more than once prepared on the server, so PostgreSQL parses and plans each only once per
    /// connection. Settings already in the configured string win.
    /// </summary>
    public static string StoreConnectionString(string configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        var given = configured.Replace(" ", "");
        if (!given.Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        if (!given.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 200;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Adds <c>market.json</c> (beside the service's assembly) as the lowest-priority configuration source, so that
    /// appsettings and environment variables override it.
    /// </summary>
    private static void AddMarketSettings(ConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "market.json",
            Optional = false,
        };
        configuration.Sources.Insert(0, source);
    }

    /// <summary>Maps <c>/health</c>.</summary>
    public static WebApplication MapRightsExchangeDefaults(this WebApplication app)
    {
        return app.MapRightsExchangeTelemetry();
    }
}

/// <summary>RabbitMQ connection settings (section <c>RabbitMq</c>); defaults fit a local broker.</summary>
public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>The nodes of a RabbitMQ cluster as <c>host:port</c>; when set, the bus fails over among them.</summary>
    public string[] Nodes { get; set; } = [];

    /// <summary>Declares the exchange's durable queues as quorum queues (<see cref="ReplicatedQueues"/>).</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>A RabbitMQ.Client connection to the node, or to the first of <see cref="Nodes"/> that answers.</summary>
    public Task<RabbitMQ.Client.IConnection> Connect(RabbitMQ.Client.ConnectionFactory factory, CancellationToken ct) =>
        Nodes.Length > 0
            ? factory.CreateConnectionAsync(Nodes.Select(RabbitMQ.Client.AmqpTcpEndpoint.Parse).ToList(), ct)
            : factory.CreateConnectionAsync(ct);
}
