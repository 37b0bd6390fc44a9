using NodaTime;

namespace RightsExchange.Hosting;

/// <summary>The zoned daily schedule of the background jobs (<see cref="DailyJob"/>).</summary>
public static class DailySchedule
{
    /// <summary>The first instant after <paramref name="now"/> whose local time in <paramref name="zone"/> is <paramref name="at"/>
    /// (leniently across DST gaps).</summary>
    public static Instant Next(Instant now, LocalTime at, DateTimeZone zone)
    {
        var today = now.InZone(zone).Date;
        var next = (today + at).InZoneLeniently(zone).ToInstant();
        return next > now ? next : (today.PlusDays(1) + at).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>Waits until <see cref="Next"/> by <paramref name="clock"/>; throws <see cref="OperationCanceledException"/> when the host
    /// stops.</summary>
    public static Task WaitForNext(IClock clock, LocalTime at, DateTimeZone zone, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return Task.Delay((Next(now, at, zone) - now).ToTimeSpan(), ct);
    }
}
