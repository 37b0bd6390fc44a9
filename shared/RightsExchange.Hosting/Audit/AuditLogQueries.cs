using MassTransit;
using NodaTime;
using RabbitMQ.Client;
using RightsExchange.Contracts.Audit.V1;
using RightsExchange.Contracts.Reasons;

namespace RightsExchange.Hosting.Audit;

/// <summary>
/// Answers the regulators' read-only questions about one service's own log: events by criteria, cut at the chain head,
/// and a verification of the chain. Requests are published to a direct exchange per message type with the log's name
/// as routing key, so each reaches the one service that owns that log.
/// </summary>
public sealed class AuditLogQueryConsumer(AuditChainStore store, IClock clock) : IConsumer<GetAuditEvents>, IConsumer<VerifyAuditLog>
{
    /// <summary>The largest page <see cref="GetAuditEvents"/> may ask for (events).</summary>
    public const int MaxLimit = 1_000;

    public async Task Consume(ConsumeContext<GetAuditEvents> context)
    {
        var query = context.Message;
        if (query.Limit is < 1 or > MaxLimit)
        {
            await context.RespondAsync(new AuditQueryRejected(ReasonCodes.InvalidLimit, $"limit must be between 1 and {MaxLimit}."));
            return;
        }
        await store.EnsureTables(context.CancellationToken);
        var head = await store.Head(context.CancellationToken);
        var (cut, cutHash) =
            head is null ? (0L, null)
            : query.UpTo is not { } upTo || upTo >= head.Sequence ? (head.Sequence, head.Hash)
            : await store.LinkAtOrBelow(upTo, context.CancellationToken) is { } link ? (link.Sequence, link.Hash)
            : (0L, (byte[]?)null);
        var f = query.Filter;
        var names = new[] { f.Participant, f.Instrument, f.Order, f.Trade }.OfType<string>().ToList();
        var filter = new EventFilter(f.Account, names, f.From?.ToDateTimeOffset(), f.To?.ToDateTimeOffset());
        var found = await store.Find(filter, query.After, cut, query.Limit, context.CancellationToken);
        var events = found
            .Select(c => new AuditLogEvent(
                c.Event.Sequence,
                c.Event.StreamKey,
                c.Event.Version,
                c.Event.Type,
                Instant.FromDateTimeUtc(DateTime.SpecifyKind(c.Event.Timestamp, DateTimeKind.Utc)),
                c.Event.Data,
                AuditChain.Hex(c.Hash)
            ))
            .ToList();
        await context.RespondAsync(
            new AuditEventPage(
                store.Schema,
                events,
                cut,
                cutHash is null ? null : AuditChain.Hex(cutHash),
                events.Count == query.Limit ? events[^1].Sequence : null
            )
        );
    }

    public async Task Consume(ConsumeContext<VerifyAuditLog> context)
    {
        var query = context.Message;
        (long, byte[])? checkpoint = null;
        if (query.CheckpointSequence is { } sequence)
        {
            if (query.CheckpointHash is not { Length: 64 } hex || !IsHex(hex))
            {
                await context.RespondAsync(
                    new AuditQueryRejected(ReasonCodes.InvalidCheckpoint, "A checkpoint's hash is 64 hexadecimal characters.")
                );
                return;
            }
            checkpoint = (sequence, Convert.FromHexString(hex));
        }
        await store.EnsureTables(context.CancellationToken);
        var report = await AuditVerifier.Verify(store, checkpoint, context.CancellationToken);
        await context.RespondAsync(
            new AuditLogVerification(
                store.Schema,
                report.Intact,
                report.EventsChecked,
                report.Head?.Sequence ?? 0,
                report.Head is { } h ? AuditChain.Hex(h.Hash) : null,
                report.Unchained,
                report.FirstDivergence is { } d ? new AuditDivergence(d.Sequence, d.Kind, d.Detail) : null,
                clock.GetCurrentInstant()
            )
        );
    }

    private static bool IsHex(string s) => s.All(Uri.IsHexDigit);
}

/// <summary>Routing of audit requests to the service that owns the log they name.</summary>
public static class AuditLogRouting
{
    /// <summary>The logs the exchange's services keep (their event store schemas).</summary>
    public static readonly IReadOnlyList<string> Logs = ["accounts", "matching", "settlement", "gateway"];

    /// <summary>Publishes audit requests to direct exchanges keyed by log.</summary>
    public static void ConfigureTopology(IRabbitMqBusFactoryConfigurator cfg)
    {
        Route<GetAuditEvents>(cfg, m => m.Log);
        Route<VerifyAuditLog>(cfg, m => m.Log);
    }

    /// <summary>The queue on which a service answers for its log <paramref name="schema"/>, bound to both requests.</summary>
    public static void ConfigureEndpoint(
        IBusRegistrationContext context,
        IRabbitMqBusFactoryConfigurator cfg,
        string queue,
        string schema
    ) => cfg.ReceiveEndpoint(queue, e =>
        {
            e.ConfigureConsumeTopology = false;
            e.DiscardFaultedMessages(); // a query: see QueryDefinition
            RequestFaultAlerts.Query(typeof(AuditLogQueryConsumer));
            ReplicatedQueues.Apply(e, context);
            Bind<GetAuditEvents>(e, schema);
            Bind<VerifyAuditLog>(e, schema);
            e.ConfigureConsumer<AuditLogQueryConsumer>(context);
        });

    private static void Route<T>(IRabbitMqBusFactoryConfigurator cfg, Func<T, string> logOf)
        where T : class
    {
        cfg.Message<T>(m => m.SetEntityName($"rightsexchange.audit.{typeof(T).Name}"));
        cfg.Publish<T>(p => p.ExchangeType = ExchangeType.Direct);
        cfg.Send<T>(s => s.UseRoutingKeyFormatter(c => logOf(c.Message)));
    }

    private static void Bind<T>(IRabbitMqReceiveEndpointConfigurator endpoint, string schema)
        where T : class =>
        endpoint.Bind<T>(b =>
        {
            b.ExchangeType = ExchangeType.Direct;
            b.RoutingKey = schema;
        });
}
