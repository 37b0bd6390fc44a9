using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Hosting;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Market;

/// <summary>
/// The engine's timer. Every <see cref="TickerOptions.Interval"/> it sends a <see cref="TickBooks"/> into each partition
/// this instance serves; the partition's active engine (<see cref="TickBooksConsumer"/>) asks each of its books whether
/// time has moved it on (a new trading date: close the day, expire day orders; a closed auction window: clear it).
/// </summary>
public sealed class TradingDayTicker(
    IBus bus,
    IClock clock,
    PartitionOptions partitions,
    IOptions<TickerOptions> options,
    ILogger<TradingDayTicker> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var partition in partitions.Served)
                    await bus.Publish(new TickBooks(partition, clock.GetCurrentInstant()), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The trading-day timer failed; it tries again at the next tick");
            }
        }
    }
}

/// <summary>Internal to matching: time to check the books of <paramref name="Partition"/> for a day's end or an auction's close.</summary>
public sealed record TickBooks(int Partition, Instant SentAt);

/// <summary>
/// Journals a <see cref="ClockTicked"/> in every book of the partition that needs one now, so the effect of time is an
/// input like any other and replays identically.
/// </summary>
public sealed class TickBooksConsumer(MatchingWriter writer, IClock clock, PartitionOptions partitions) : IConsumer<TickBooks>
{
    public Task Consume(ConsumeContext<TickBooks> context) =>
        writer.Execute(
            Guid.NewGuid(),
            nameof(ClockTicked),
            async commit =>
            {
                var ct = context.CancellationToken;
                // The book streams, not their BookOpened events: the stream table has a row per book, the event table a row per input.
                var streams = $"{commit.Session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams";
                var instruments = await commit.Session.QueryAsync<string>(
                    $"select substring(id from {BookRegistry.StreamKey("").Length + 1}) from {streams} where id like ?",
                    ct,
                    BookRegistry.StreamKey("%")
                );
                foreach (
                    var instrumentId in instruments.Where(i => MatchingPartitions.Of(i, partitions.Partitions) == context.Message.Partition)
                )
                {
                    if (await commit.Books.Get(commit.Session, instrumentId, ct) is { } book && book.NeedsTick(clock.GetCurrentInstant()))
                        commit.Run(book, new ClockTicked(commit.Now));
                }
                return false;
            },
            context.CancellationToken
        );
}

/// <summary>Section <c>Trading:Ticker</c>.</summary>
public sealed class TickerOptions
{
    /// <summary>How often books are checked for a day's end or an auction's close.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
