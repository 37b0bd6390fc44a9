using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// One group of registry commands: the streams they open (fetched once each, checked for concurrent appends at commit),
/// the instant they are stamped with, and the market settings they apply.
/// </summary>
public sealed class LedgerCommit(
    StreamCache streams,
    Instant now,
    FeeSchedule feeSchedule,
    string feeAccountId,
    RegionalRuleSettings regionalRules,
    RegistrySettings registry,
    Biodiversity.BiodiversitySettings biodiversity
)
{
    public RegistrySettings Registry { get; } = registry;

    /// <summary>The biodiversity offsets scheme's settings (a settled sale of stewardship credits pays the site's deposit).</summary>
    public Biodiversity.BiodiversitySettings Biodiversity { get; } = biodiversity;

    /// <summary>True when issuance, allocation, pledge enforcement and the reversal of a transfer or an issuance wait for a second
    /// regulator (<c>Registry:FourEyes</c>).</summary>
    public bool FourEyes => Registry.FourEyes;
    public RegionalRuleSettings RegionalRules { get; } = regionalRules;
    public StreamCache Streams { get; } = streams;
    public Instant Now { get; } = now;
    public FeeSchedule FeeSchedule { get; } = feeSchedule;
    public string FeeAccountId { get; } = feeAccountId;

    public Task<TrackedStream<Participant>> Participant(string id) => Streams.Open<Participant>(StreamKeys.Participant(id));

    public Task<TrackedStream<Instrument>> Instrument(string id) => Streams.Open<Instrument>(StreamKeys.Instrument(id));

    public Task<TrackedStream<Holding>> Holding(string participantId, string instrumentId) =>
        Streams.Open<Holding>(StreamKeys.Holding(participantId, instrumentId));

    public Task<TrackedStream<CashAccount>> Cash(string participantId) => Streams.Open<CashAccount>(StreamKeys.Cash(participantId));

    /// <summary>Announces the streams of a participant's order in an instrument: participant, instrument, holding or cash, order.</summary>
    public void WantOrderStreams(string participantId, string instrumentId, Contracts.Values.Side side, Guid orderId)
    {
        Streams.Want<Participant>(StreamKeys.Participant(participantId));
        Streams.Want<Instrument>(StreamKeys.Instrument(instrumentId));
        if (side == Contracts.Values.Side.Sell)
            Streams.Want<Holding>(StreamKeys.Holding(participantId, instrumentId));
        else
            Streams.Want<CashAccount>(StreamKeys.Cash(participantId));
        Streams.Want<OrderReservation>(StreamKeys.Order(orderId));
    }

    public Task<TrackedStream<OrderReservation>> Order(Guid orderId) => Streams.Open<OrderReservation>(StreamKeys.Order(orderId));

    /// <summary>The stream of compensation agreement <paramref name="agreementId"/> (<c>compensation:{agreementId}</c>).</summary>
    public Task<TrackedStream<Compensation.CompensationAgreement>> Agreement(Guid agreementId) =>
        Streams.Open<Compensation.CompensationAgreement>(Compensation.CompensationAgreement.StreamPrefix + agreementId);

    public Task<TrackedStream<CrossRegionPermit>> CrossRegion(string participantId, string instrumentId) =>
        Streams.Open<CrossRegionPermit>(StreamKeys.CrossRegion(participantId, instrumentId));

    /// <summary>
    /// Why <paramref name="participant"/> may not acquire <paramref name="instrument"/> under the regional rules, or
    /// null: a region-bound right outside the participant's home region needs an approved cross-region request.
    /// </summary>
    public async Task<string?> RegionalBreach(Participant participant, InstrumentListed instrument)
    {
        if (RegionalRules.AllowsWithoutApproval(instrument, participant.Region))
            return null;
        var permit = (await CrossRegion(participant.ParticipantId, instrument.InstrumentId)).State;
        return permit?.Status == CrossRegionPermit.Approved
            ? null
            : $"{instrument.InstrumentId} is bound to {instrument.Region}; {participant.ParticipantId} ({participant.Region}) needs an "
                + "approved cross-region request "
                + $"(POST /api/cross-region-approvals){(permit is null ? "" : $"; its request is {permit.Status}")}.";
    }
}

/// <summary>The registry's single writer: every ledger change goes through it, grouped into one commit per batch.</summary>
public sealed class LedgerWriter(
    IDocumentStore store,
    IClock clock,
    IOptions<FeeScheduleSettings> fees,
    IOptions<ExchangeSettings> exchange,
    IOptions<RegionalRuleSettings> regionalRules,
    IOptions<RegistrySettings> registry,
    IOptions<Biodiversity.BiodiversitySettings> biodiversity,
    RetrySettings retry,
    GroupCommitSettings grouping,
    CommitPublisher publisher,
    ILogger<LedgerWriter> logger
) : GroupCommitWriter<LedgerCommit>(store, clock, logger, retry, grouping, publisher)
{
    private readonly AggregateCache _aggregates = new();

    protected override Action? Prefetch(LedgerCommit commit, Marten.Services.BatchQuerying.IBatchedQuery batch) =>
        commit.Streams.FetchWanted(batch);

    protected override LedgerCommit Begin(IDocumentSession session) =>
        new(
            new StreamCache(session, _aggregates),
            Clock.GetCurrentInstant(),
            fees.Value.ToSchedule(),
            exchange.Value.FeeAccountId,
            regionalRules.Value,
            registry.Value,
            biodiversity.Value
        );

    protected override void BeforeCommit(LedgerCommit commit) => commit.Streams.StoreDocuments();

    protected override void Committed(LedgerCommit commit) => commit.Streams.Committed();

    protected override void Abandon(LedgerCommit commit) => _aggregates.Clear();

    /// <summary>
    /// Applies each message of a batch that needs no reply, all in the same group when they fit. Each message id is
    /// recorded so a redelivery changes nothing. <paramref name="announce"/> names the streams the handler will read,
    /// so that a group reads them in one round trip.
    /// </summary>
    public Task Apply<T>(
        ConsumeContext<MessageBatch<T>> context,
        Func<LedgerCommit, T, Task> handle,
        Action<LedgerCommit, T>? announce = null
    )
        where T : class =>
        ExecuteBatch(
            context,
            async (commit, entry) =>
            {
                await handle(commit, entry.Message);
                return true;
            },
            announce
        );

    /// <summary>
    /// Applies a registry request and replies with <see cref="RegistryCommandAccepted"/>, <see cref="RegistryCommandPending"/>
    /// (four-eyes) or <see cref="RegistryCommandRejected"/>. A rejected request appends nothing and leaves its id
    /// unrecorded, so it can be corrected and sent again. The same id again is answered "already applied" when its terms
    /// are the same (whoever sends it), and refused <c>IDEMPOTENCY_KEY_REUSED</c> when they differ
    /// (draft-ietf-httpapi-idempotency-key-header: a key names one request).
    /// </summary>
    public async Task Reply<T>(ConsumeContext<T> context, Func<LedgerCommit, T, Task<object>> handle)
        where T : class
    {
        object? reply = null;
        var id = context.MessageId ?? throw new InvalidOperationException("message without id");
        var outcome = await Submit(
            id,
            typeof(T).Name,
            Inbox.Fingerprint(context.Message, Json),
            async commit =>
            {
                reply = await handle(commit, context.Message);
                return reply is RegistryCommandAccepted or RegistryCommandPending;
            },
            context.CancellationToken
        );
        await context.RespondAsync(
            reply
                ?? (
                    outcome == Outcome.IdReused
                        ? new RegistryCommandRejected(
                            ReasonCodes.IdempotencyKeyReused,
                            $"{id} already names a {typeof(T).Name} with other terms; nothing new was done. Use a new id for a new request."
                        )
                        : new RegistryCommandAccepted("already applied")
                )
        );
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = ContractJson.Configure(
        new System.Text.Json.JsonSerializerOptions()
    );
}

/// <summary>Registry settings (section <c>Registry</c>).</summary>
public sealed class RegistrySettings
{
    /// <summary>Issuance, allocation, pledge enforcement and the reversal of a transfer or an issuance need a second regulator's approval
    /// (default true).</summary>
    public bool FourEyes { get; set; } = true;

    /// <summary>An as-of query snapshots a holding or cash stream's fold every this many versions (<see cref="AsOfFolds"/>); 100 by
    /// default.</summary>
    public int AsOfSnapshotEvery { get; set; } = 100;

    /// <summary>The local time (Asia/Shanghai) at which the corridors' queues are served each day, just after a new year's volume
    /// opens.</summary>
    public TimeSpan CorridorServiceRunsAt { get; set; } = new(0, 0, 30);

    /// <summary>The local time (Asia/Shanghai) of the daily expiry of rights past their validity.</summary>
    public TimeSpan ExpiryRunsAt { get; set; } = new(0, 5, 0);

    /// <summary>
    /// The surrender deadline when a verified-emissions record names none: this month and day, this many years after
    /// the compliance period (31 December of the next year; national market, market-rules.md "Compliance").
    /// </summary>
    public int ComplianceDeadlineMonth { get; set; } = 12;
    public int ComplianceDeadlineDay { get; set; } = 31;
    public int ComplianceDeadlineYearsAfter { get; set; } = 1;

    /// <summary>
    /// The instrument classes issued in batches with serial numbers, whose every unit's lineage is kept: credits and
    /// sinks (CCER, forestry sinks, biodiversity credits) when not set. Source: China's CCER registry and the voluntary
    /// registries (Verra, Gold Standard) serialize each issuance; allowances and pollutant and water rights are not.
    /// </summary>
    public IReadOnlyList<InstrumentClass>? SerializedClasses { get; set; }

    /// <summary>Capacity-limited corridors for water rights leaving their basin (<see cref="Corridors.WaterCorridorSettings"/>).</summary>
    public List<Corridors.WaterCorridorSettings> WaterCorridors { get; set; } = [];

    /// <summary>True when units of <paramref name="instrumentClass"/> carry serial numbers.</summary>
    public bool Serialized(InstrumentClass instrumentClass) =>
        (SerializedClasses ?? [InstrumentClass.Ccer, InstrumentClass.ForestrySink, InstrumentClass.BiodiversityCredit]).Contains(
            instrumentClass
        );

    /// <summary>The default deadline for compliance period <paramref name="period"/>.</summary>
    public NodaTime.LocalDate DefaultDeadline(int period) =>
        new(period + ComplianceDeadlineYearsAfter, ComplianceDeadlineMonth, ComplianceDeadlineDay);
}
