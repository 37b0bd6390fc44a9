using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Market;

/// <summary>
/// The engine's timer. Every <see cref="TickerOptions.Interval"/> it asks each book whether time has moved it on (a
/// new trading date: close the day, expire day orders; a closed auction window: clear it) and, for those that have,
/// journals a <see cref="ClockTicked"/>, so the effect is an input like any other and replays identically.
/// </summary>
public sealed class TradingDayTicker(MatchingWriter writer, IClock clock, IOptions<TickerOptions> options, ILogger<TradingDayTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Tick(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The trading-day timer failed; it tries again at the next tick");
            }
        }
    }

    /// <summary>Journals a tick in every book that needs one now.</summary>
    public Task Tick(CancellationToken ct) =>
        writer.Execute(Guid.NewGuid(), nameof(ClockTicked), async unit =>
        {
            var instruments = await unit.Session.Events.QueryRawEventDataOnly<BookOpened>().Select(b => b.InstrumentId).ToListAsync(ct);
            foreach (var instrumentId in instruments.Distinct())
            {
                if (await unit.Books.Get(unit.Session, instrumentId, ct) is { } book && book.NeedsTick(clock.GetCurrentInstant()))
                    unit.Run(book, new ClockTicked(unit.Now));
            }
            return false;
        }, ct);
}

/// <summary>Section <c>Trading:Ticker</c>.</summary>
public sealed class TickerOptions
{
    /// <summary>How often books are checked for a day's end or an auction's close.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
