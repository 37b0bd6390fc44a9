using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;
using RightsExchange.Settlement.Compensation;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.Settlement.Reconciliation;

/// <summary>Reconciliation settings (section <c>Reconciliation</c>).</summary>
public sealed class ReconciliationSettings
{
    /// <summary>How long a settlement may wait for its outcome on the other side before it counts as a difference.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The local time of the daily run, after the close (the national carbon market closes at 15:00).</summary>
    public TimeSpan DailyAt { get; set; } = new(15, 30, 0);

    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>False turns the daily run off (on-demand runs still work).</summary>
    public bool Daily { get; set; } = true;

    /// <summary>Registry events per page of the registry's cut (<see cref="GetSettlementPostings"/>): about 150 B of JSON each.</summary>
    public int PageSize { get; set; } = 20_000;
}

/// <summary>
/// Runs a reconciliation: first one cut of the registry (<see cref="GetSettlementPostings"/>, page by page, then its
/// conservation), then the settlement ledger, so that every movement in the cut has its settlement here; compares them
/// (<see cref="Reconcile.Compare"/>) and records the report as <see cref="ReconciliationCompleted"/> in stream
/// <c>reconciliation:{runId}</c>, where regulators read it in the settlement log. A report with differences is
/// logged as an error. Throws <see cref="RequestTimeoutException"/> when accounts does not answer.
/// </summary>
public sealed class Reconciler(
    IDocumentStore store,
    IRequestClient<GetSettlementPostings> postings,
    IRequestClient<GetConservation> conservation,
    IClock clock,
    IOptions<ReconciliationSettings> settings,
    ILogger<Reconciler> logger
)
{
    public const string StreamPrefix = "reconciliation:";

    /// <summary>The registry's cut, its pages gathered into one reply (<see cref="SettlementPostings.Next"/> null).</summary>
    private async Task<SettlementPostings> RegistryCut(CancellationToken ct)
    {
        var size = settings.Value.PageSize;
        var first = (
            await postings.GetResponse<SettlementPostings>(new GetSettlementPostings(null, 0, size), ct, RequestTimeout.After(m: 2))
        ).Message;
        var outcomes = first.Outcomes.ToList();
        var legs = first.Legs.ToList();
        for (var next = first.Next; next is { } after; )
        {
            var page = (
                await postings.GetResponse<SettlementPostings>(
                    new GetSettlementPostings(first.Cut, after, size),
                    ct,
                    RequestTimeout.After(m: 2)
                )
            ).Message;
            outcomes.AddRange(page.Outcomes);
            legs.AddRange(page.Legs);
            next = page.Next;
        }
        return first with { Outcomes = outcomes, Legs = legs, Next = null };
    }

    public async Task<ReconciliationReport> Run(string trigger, CancellationToken ct)
    {
        var registry = await RegistryCut(ct);
        var conserved = (await conservation.GetResponse<ConservationReport>(new GetConservation(), ct, RequestTimeout.After(m: 2))).Message;
        IReadOnlyList<TradeSettlement> settlements;
        IReadOnlyList<CompensationSettlement> compensations;
        await using (var query = store.QuerySession())
        {
            settlements = await query.Query<TradeSettlement>().ToListAsync(ct);
            compensations = await query.Query<CompensationSettlement>().ToListAsync(ct);
        }

        var report = Reconcile.Compare(
            Guid.NewGuid(),
            clock.GetCurrentInstant(),
            trigger,
            settlements,
            registry,
            conserved,
            Duration.FromTimeSpan(settings.Value.Grace),
            compensations
        );
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(StreamPrefix + report.RunId, new ReconciliationCompleted(report));
            await session.SaveChangesAsync(ct);
        }
        if (report.Balanced)
            logger.LogInformation(
                "Reconciliation {RunId} ({Trigger}): {Trades} trades, {Settled} settled, {Failed} failed, {InFlight} in flight; balanced "
                    + "at {Cut}",
                report.RunId,
                trigger,
                report.Trades,
                report.Settled,
                report.Failed,
                report.InFlight,
                report.RegistryCut
            );
        else
            logger.LogError(
                "Reconciliation {RunId} ({Trigger}) found {Count} differences at {Cut}: {Differences}",
                report.RunId,
                trigger,
                report.Differences.Count,
                report.RegistryCut,
                string.Join(" | ", report.Differences.Select(d => $"{d.Kind} {d.TradeId}: {d.Detail}"))
            );
        return report;
    }
}

/// <summary>Answers <see cref="RunReconciliation"/> with the report of a run made now.</summary>
public sealed class RunReconciliationConsumer(Reconciler reconciler) : IConsumer<RunReconciliation>
{
    public async Task Consume(ConsumeContext<RunReconciliation> context) =>
        await context.RespondAsync(await reconciler.Run($"on-demand by {context.Message.RequestedBy}", context.CancellationToken));
}

/// <summary>Answers <see cref="GetReconciliations"/> from the recorded reports, newest first.</summary>
public sealed class GetReconciliationsConsumer(IQuerySession session) : IConsumer<GetReconciliations>
{
    public async Task Consume(ConsumeContext<GetReconciliations> context)
    {
        var recorded = await RecordedEvents.Latest<ReconciliationCompleted>(
            session,
            Reconciler.StreamPrefix,
            context.Message.Limit,
            context.CancellationToken
        );
        await context.RespondAsync(new ReconciliationList(recorded.Select(r => r.Report).ToList()));
    }
}

/// <summary>Runs a reconciliation every day at <see cref="ReconciliationSettings.DailyAt"/> in its time zone (default
/// Asia/Shanghai).</summary>
public sealed class DailyReconciliation(
    IServiceScopeFactory scopes,
    IClock clock,
    IOptions<ReconciliationSettings> settings,
    ILogger<DailyReconciliation> logger
) : DailyJob(clock, logger)
{
    protected override string Name => "The daily reconciliation";

    protected override LocalTime RunsAt => LocalTime.FromTicksSinceMidnight(settings.Value.DailyAt.Ticks);

    protected override DateTimeZone Zone => DateTimeZoneProviders.Tzdb[settings.Value.TimeZone];

    protected override bool RunsAtStart => false;

    protected override bool Enabled => settings.Value.Daily;

    protected override async Task Run(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Reconciler>().Run("daily-close", ct);
    }
}
