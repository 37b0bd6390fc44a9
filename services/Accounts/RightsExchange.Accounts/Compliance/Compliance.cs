using Marten;
using MassTransit;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Compliance;

/// <summary>
/// One entity's compliance for one period (stream <c>compliance:{participantId}:{period}</c>): its obligation, verified
/// emissions or an ecosystem-indicator shortfall (<see cref="IndicatorShortfallRecorded"/>), and every surrender against it.
/// </summary>
public sealed record ComplianceRecord(
    string Id,
    VerifiedEmissionsRecorded? Verified,
    IReadOnlyList<UnitsSurrendered> Surrenders,
    IndicatorShortfallRecorded? Shortfall = null
) : IFold<ComplianceRecord>
{
    public static string StreamPrefix => "compliance:";

    public static string StreamKey(string participantId, int period) => $"{StreamPrefix}{participantId}:{period}";

    public decimal Surrendered => Surrenders.Sum(s => s.Quantity.Amount);
    public decimal Offsets => Surrenders.Where(s => s.IsOffset).Sum(s => s.Quantity.Amount);

    /// <summary>What is owed (tCO2e of verified emissions, or units of the shortfall's instrument); null before either.</summary>
    public decimal? Due => Verified?.Emissions ?? Shortfall?.Shortfall.Amount;

    public static ComplianceRecord? Fold(ComplianceRecord? state, string streamKey, object @event) =>
        @event switch
        {
            VerifiedEmissionsRecorded e when state?.Due is null => new ComplianceRecord(streamKey, e, state?.Surrenders ?? []),
            IndicatorShortfallRecorded e when state?.Due is null => new ComplianceRecord(streamKey, null, state?.Surrenders ?? [], e),
            UnitsSurrendered e when state?.Due is not null => state with { Surrenders = [.. state.Surrenders, e] },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to {streamKey}"),
        };

    /// <summary>
    /// The status at <paramref name="now"/>: covered by the deadline's end (Asia/Shanghai) is Compliant, after it Late;
    /// uncovered is NotYetDue until the deadline has passed, then SurrenderedShort.
    /// </summary>
    public string StatusAt(Instant now)
    {
        if (Due is not { } due)
            return ComplianceState.NotVerified;
        var deadline = Verified?.Deadline ?? Shortfall!.Deadline;
        var deadlineEnds = deadline.PlusDays(1).AtStartOfDayInZone(MarketTime.Zone).ToInstant();
        if (Surrendered >= due)
        {
            var coveredAt = Surrenders.Count == 0 ? Verified?.RecordedAt ?? Shortfall!.RecordedAt : Surrenders[^1].SurrenderedAt;
            return coveredAt < deadlineEnds ? ComplianceState.Compliant : ComplianceState.Late;
        }
        return now < deadlineEnds ? ComplianceState.NotYetDue : ComplianceState.SurrenderedShort;
    }
}

/// <summary>
/// Verified emissions and surrender. An entity surrenders allowances of a vintage up to the period, and offsets (an
/// instrument whose compliance share is below 1) up to that share of its verified emissions: 5% for CCER on the
/// national market (market-rules.md, "Offsets"). It never surrenders more than its emissions still uncovered. A
/// government short of an ecosystem-indicator target surrenders units of the instrument its shortfall names, and only
/// those; those units cover nothing else.
/// </summary>
public sealed class ComplianceConsumer(LedgerWriter writer) : IConsumer<RecordVerifiedEmissions>, IConsumer<SurrenderUnits>
{
    public Task Consume(ConsumeContext<RecordVerifiedEmissions> context) => writer.Reply(context, Record);

    public Task Consume(ConsumeContext<SurrenderUnits> context) => writer.Reply(context, Surrender);

    public static async Task<object> Record(LedgerCommit ledger, RecordVerifiedEmissions c)
    {
        if ((await ledger.Participant(c.ParticipantId)).State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.ParticipantId}'.");
        if (c.Emissions < 0)
            return new RegistryCommandRejected(ReasonCodes.InvalidEmissions, "Verified emissions are tCO2e, not negative.");
        var record = await ledger.Streams.Open<ComplianceRecord>(ComplianceRecord.StreamKey(c.ParticipantId, c.Period));
        if (record.State?.Due is not null)
            return new RegistryCommandRejected(
                ReasonCodes.AlreadyVerified,
                $"{c.ParticipantId}'s emissions for {c.Period} are already recorded; a correction is a reversal."
            );
        record.Append(
            new VerifiedEmissionsRecorded(
                c.ParticipantId,
                c.Period,
                c.Emissions,
                c.Deadline ?? ledger.Registry.DefaultDeadline(c.Period),
                c.RequestedBy,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(ComplianceRecord.StreamKey(c.ParticipantId, c.Period));
    }

    public static async Task<object> Surrender(LedgerCommit ledger, SurrenderUnits c)
    {
        if (RegistryChecks.Active((await ledger.Participant(c.ParticipantId)).State, c.ParticipantId) is { } inactive)
            return inactive;
        var instrument = (await ledger.Instrument(c.InstrumentId)).State?.Definition;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        var record = await ledger.Streams.Open<ComplianceRecord>(ComplianceRecord.StreamKey(c.ParticipantId, c.Period));
        if (record.State?.Due is not { } due)
            return new RegistryCommandRejected(
                ReasonCodes.EmissionsNotVerified,
                $"No verified emissions or indicator shortfall of {c.ParticipantId} for {c.Period}."
            );
        if (record.State.Shortfall is { } shortfall && c.InstrumentId != shortfall.InstrumentId)
            return new RegistryCommandRejected(
                ReasonCodes.NotEligible,
                $"Only {shortfall.InstrumentId} covers {c.ParticipantId}'s shortfall."
            );
        if (record.State.Shortfall is null && instrument.Class == InstrumentClass.EcosystemIndicator)
            return new RegistryCommandRejected(ReasonCodes.NotEligible, $"{c.InstrumentId} covers an indicator shortfall, not emissions.");
        var share = record.State.Shortfall is not null ? 1m : instrument.ComplianceShare;
        if (share is null)
            return new RegistryCommandRejected(ReasonCodes.NotEligible, $"{c.InstrumentId} may not be surrendered for compliance.");
        if (instrument.Vintage > c.Period)
            return new RegistryCommandRejected(
                ReasonCodes.VintageNotEligible,
                $"{c.InstrumentId} is of vintage {instrument.Vintage}, after the {c.Period} period."
            );
        var holding = await ledger.Holding(c.ParticipantId, c.InstrumentId);
        if (RegistryChecks.Outgoing(ledger, instrument, holding.State, c.Quantity, c.Batch, "Surrendering") is { } refused)
            return refused;
        var isOffset = share < 1m;
        var offsetCap = share * due;
        if (isOffset && record.State.Offsets + c.Quantity > offsetCap)
            return new RegistryCommandRejected(
                ReasonCodes.OffsetLimit,
                $"Offsets may cover at most {share:P0} of {due} tCO2e, {offsetCap} t; "
                    + $"{record.State.Offsets} t are surrendered already."
            );
        var outstanding = due - record.State.Surrendered;
        if (c.Quantity > outstanding)
            return new RegistryCommandRejected(
                ReasonCodes.ExceedsObligation,
                $"{outstanding} tCO2e of {c.Period} remain to surrender; {c.Quantity} is more."
            );

        holding.Append(new UnitsSurrenderedFromHolding(c.SurrenderId, c.Quantity, c.Period, ledger.Now));
        Serials.Move(ledger, instrument, SerialMovement.Surrendered, c.SurrenderId.ToString(), holding, c.Quantity, batch: c.Batch);
        record.Append(
            new UnitsSurrendered(
                c.SurrenderId,
                c.ParticipantId,
                c.Period,
                c.InstrumentId,
                new Quantity(c.Quantity, instrument.Unit),
                isOffset,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.SurrenderId.ToString());
    }
}

/// <summary>Answers <see cref="GetComplianceStatus"/> from the period's record, now.</summary>
public sealed class GetComplianceStatusConsumer(IQuerySession session, IClock clock) : IConsumer<GetComplianceStatus>
{
    public async Task Consume(ConsumeContext<GetComplianceStatus> context)
    {
        var (participant, period) = (context.Message.ParticipantId, context.Message.Period);
        var record = await session.LoadAsync<ComplianceRecord>(ComplianceRecord.StreamKey(participant, period), context.CancellationToken);
        var now = clock.GetCurrentInstant();
        var due = record?.Due;
        var surrendered = record?.Surrendered ?? 0m;
        await context.RespondAsync(
            new ComplianceStatus(
                participant,
                period,
                due,
                surrendered,
                record?.Offsets ?? 0m,
                Math.Max(0m, (due ?? 0m) - surrendered),
                record?.Verified?.Deadline ?? record?.Shortfall?.Deadline,
                record?.StatusAt(now) ?? ComplianceState.NotVerified,
                record?.Surrenders ?? [],
                now,
                record?.Shortfall?.InstrumentId
            )
        );
    }
}
