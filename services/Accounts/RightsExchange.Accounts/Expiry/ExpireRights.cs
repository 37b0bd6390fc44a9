using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Expiry;

/// <summary>
/// Expiry at the end of a right's validity (market-rules.md: a water right is transferable only within its validity):
/// every holding's available units of the right expire, each recorded as <see cref="RightsExpired"/> in stream
/// <c>expiry:{instrumentId}</c>. Reserved units expire at a later run, once their orders have closed (an order of an
/// expired right cannot settle); pledged units stay with their pledge.
/// </summary>
public sealed class ExpireRightsConsumer(LedgerWriter writer) : IConsumer<ExpireRights>
{
    public const string StreamPrefix = "expiry:";

    public Task Consume(ConsumeContext<ExpireRights> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, ExpireRights c)
    {
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (!instrument.ExpiredOn(MarketTime.TradingDateOf(ledger.Now)))
            return new RegistryCommandRejected(
                ReasonCodes.NotExpired,
                $"{c.InstrumentId} is valid until {instrument.Definition.ValidTo?.ToString() ?? "further notice"}."
            );
        var holders = await ledger
            .Streams.Session.Query<Holding>()
            .Where(h => h.InstrumentId == c.InstrumentId && h.Available > 0)
            .Select(h => h.ParticipantId)
            .ToListAsync();
        foreach (var participantId in holders.Order(StringComparer.Ordinal))
        {
            var holding = await ledger.Holding(participantId, c.InstrumentId);
            if (holding.State is not { Available: > 0 and var available })
                continue;
            holding.Append(new UnitsExpiredFromHolding(available, ledger.Now));
            Serials.Move(ledger, instrument.Definition, SerialMovement.Expired, $"expiry:{c.InstrumentId}", holding, available);
            ledger.Streams.Session.Events.Append(
                StreamPrefix + c.InstrumentId,
                new RightsExpired(
                    c.InstrumentId,
                    participantId,
                    new Quantity(available, instrument.Unit),
                    instrument.Definition.ValidTo!.Value,
                    ledger.Now
                )
            );
        }
        return new RegistryCommandAccepted($"{c.InstrumentId}: {holders.Count} holdings expired");
    }
}

/// <summary>Expires every right past its validity: at start, then every day at <see cref="RegistrySettings.ExpiryRunsAt"/> (00:05)
/// Asia/Shanghai.</summary>
public sealed class DailyExpiry(
    IServiceScopeFactory scopes,
    LedgerWriter writer,
    IClock clock,
    IOptions<RegistrySettings> settings,
    ILogger<DailyExpiry> logger
) : DailyJob(clock, logger)
{
    protected override string Name => "The daily expiry of rights";

    protected override LocalTime RunsAt => LocalTime.FromTicksSinceMidnight(settings.Value.ExpiryRunsAt.Ticks);

    protected override Task Run(CancellationToken ct) => ExpireAll(ct);

    private async Task ExpireAll(CancellationToken ct)
    {
        var today = MarketTime.TradingDateOf(Clock.GetCurrentInstant());
        IReadOnlyList<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
            var instruments = await session.Query<Instrument>().ToListAsync(ct);
            due = instruments.Where(i => i.ExpiredOn(today)).Select(i => i.InstrumentId).ToList();
        }
        foreach (var instrumentId in due)
        {
            await writer.Execute(
                Guid.NewGuid(),
                nameof(ExpireRights),
                async commit =>
                {
                    var outcome = await ExpireRightsConsumer.Handle(commit, new ExpireRights(instrumentId, "daily-expiry"));
                    if (outcome is RegistryCommandAccepted accepted)
                        logger.LogInformation("Expiry: {Outcome}", accepted.Subject);
                    return false;
                },
                ct
            );
        }
    }
}
