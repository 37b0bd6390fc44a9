using JasperFx;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.Hosting;

// The service's Marten store and the loops that follow its event table.
public static partial class ServiceDefaults
{
    /// <summary>Adds the store (below) with the documents, projections and event types the service's slices registered.</summary>
    public static WebApplicationBuilder AddRightsExchangeStore(
        this WebApplicationBuilder builder,
        string schema,
        ServiceSlices slices,
        EventAppendMode appendMode = EventAppendMode.Quick
    ) => builder.AddRightsExchangeStore(schema, slices.ConfigureStore, appendMode);

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
    private static WebApplicationBuilder AddRightsExchangeStore(
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
}
