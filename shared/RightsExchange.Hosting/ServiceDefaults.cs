using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
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
        Action<MassTransit.DependencyInjection.Registration.IRegistrationFilterConfigurator>? excludeFromDefaultEndpoints = null)
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
        // A service with a log answers the regulators' audit requests for it (AddRightsExchangeStore came first).
        var auditedLog = builder.Services.Select(s => s.ImplementationInstance).OfType<AuditChainSettings>().FirstOrDefault()?.Schema;

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            x.DisableUsageTelemetry();
            configureBus(x);
            if (auditedLog is not null) x.AddConsumer<AuditLogQueryConsumer>();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                });
                cfg.ConfigureJsonSerializerOptions(ConfigureJson);
                // A writer retries transient database faults itself (Polly, TransientFaults); this outer bound covers the
                // rest (a reply or publish that failed). Past it, or at once for a malformed message, the message moves
                // to the endpoint's _error queue with the exception as its reason, and the published Fault raises an alert.
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<MalformedMessageException>();
                    r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                });
                cfg.PrefetchCount = 256;
                MatchingPartitions.ConfigureTopology(cfg, partitions.Value);
                AuditLogRouting.ConfigureTopology(cfg);
                if (auditedLog is not null) AuditLogRouting.ConfigureEndpoint(context, cfg, $"{endpointPrefix}-audit", auditedLog);
                configureEndpoints?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context, filter =>
                {
                    filter.Exclude<AuditLogQueryConsumer>();
                    excludeFromDefaultEndpoints?.Invoke(filter);
                });
            });
        });
        return builder;
    }

    /// <summary>
    /// Adds the service's Marten store in schema <paramref name="schema"/>, string stream keys, NodaTime-aware JSON,
    /// the async daemon (hot/cold, one leader per service), the outbox relay that publishes committed contract events
    /// and the audit chain over every event (<see cref="AuditChainSubscription"/>; a checkpoint every <c>Audit:CheckpointEvery</c> events, 1,000, or
    /// <c>Audit:CheckpointInterval</c>, 30 s, whichever comes first).
    /// </summary>
    /// <param name="extend">Optional: more subscriptions (or other Marten services) for this store.</param>
    public static WebApplicationBuilder AddRightsExchangeStore(this WebApplicationBuilder builder, string schema, Action<StoreOptions> configure,
        Action<MartenServiceCollectionExtensions.MartenConfigurationExpression>? extend = null)
    {
        var connectionString = StoreConnectionString(builder.Configuration.GetConnectionString("Marten")
            ?? throw new InvalidOperationException("ConnectionStrings:Marten is not set (see README, Configuration)."));
        builder.Services.AddSingleton(new OutboxRelaySettings(schema, builder.Configuration.GetValue("Outbox:FastPath", true)));
        builder.Services.AddSingleton<CommitPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CommitPublisher>());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Messaging:Retry").Get<RetrySettings>() ?? new RetrySettings());
        builder.Services.AddSingleton(
            builder.Configuration.GetSection("Messaging:GroupCommit").Get<GroupCommitSettings>() ?? new GroupCommitSettings());
        builder.Services.AddSingleton(new AuditChainSettings(schema, builder.Configuration.GetValue("Audit:CheckpointEvery", 1_000),
            Duration.FromTimeSpan(builder.Configuration.GetValue("Audit:CheckpointInterval", TimeSpan.FromSeconds(30)))));
        // A data source of its own (created and disposed by the container): the chain reads raw rows Marten does not expose.
        builder.Services.AddKeyedSingleton(nameof(AuditChainStore), (_, _) => Npgsql.NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton(sp => new AuditChainStore(sp.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(nameof(AuditChainStore)), schema));
        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.Events.StreamIdentity = StreamIdentity.AsString;
                options.Events.AppendMode = EventAppendMode.Quick;
                // stack-notes.md: the stand-in lock package cannot lock over a multiplexed data source.
                options.Events.UseAdvisoryLockTransaction = true;
                // Every service shares one database; each needs its own daemon leadership lock.
                options.Projections.DaemonLockId = StableLockId(schema);
                // Writers publish their commits themselves (CommitPublisher), so the daemon is off the order's path: it
                // polls rather than waking on every append, and its pages (and progress commits) grow with the load.
                var polling = builder.Configuration.GetSection("Outbox");
                options.Projections.FastPollingTime = polling.GetValue("FastPollingTime", TimeSpan.FromMilliseconds(100));
                options.Projections.SlowPollingTime = polling.GetValue("SlowPollingTime", TimeSpan.FromMilliseconds(250));
                // Enums are stored as their names (ContractJson), so LINQ must compare them as strings.
                options.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, configure: j => ConfigureJson(j));
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
                configure(options);
            })
            .UseLightweightSessions()
            .AddSubscriptionWithServices<OutboxRelay>(ServiceLifetime.Singleton, o =>
            {
                o.Options.BatchSize = 500;
            })
            .AddSubscriptionWithServices<AuditChainSubscription>(ServiceLifetime.Singleton, o =>
            {
                o.Options.BatchSize = 1_000;
            })
            .AddAsyncDaemon(DaemonMode.HotCold)
            .ApplyAllDatabaseChangesOnStartup();
        extend?.Invoke(marten);
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
        if (!given.Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
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

    private static int StableLockId(string schema)
    {
        var hash = 17;
        foreach (var c in schema) hash = unchecked(hash * 31 + c);
        return 0x5258_0000 | (hash & 0xFFFF);
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
}
