using NodaTime;
using RightsExchange.Hosting;

namespace RightsExchange.UnitTests.Shared;

public class DailyScheduleTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant At(int day, int hour, int minute) =>
        new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(Shanghai).ToInstant();

    [Theory]
    [InlineData(15, 0, 25)]
    [InlineData(15, 30, 26)]
    [InlineData(23, 59, 26)]
    public void The_next_run_is_today_before_its_time_and_tomorrow_from_it_on(int hour, int minute, int day)
    {
        Assert.Equal(At(day, 15, 30), DailySchedule.Next(At(25, hour, minute), new LocalTime(15, 30), Shanghai));
    }
}
