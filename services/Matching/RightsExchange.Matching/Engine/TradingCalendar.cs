using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using RightsExchange.Contracts.MarketData.V1;

namespace RightsExchange.Matching.Engine;

/// <summary>
/// Trading days and sessions of a profile (configuration <c>Trading:Profiles:{name}:Calendar</c>), zoned.
/// Defaults are the national carbon market's (national ETS trading rules, 2021): Monday to Friday less holidays,
/// listing sessions 09:30-11:30 and 13:00-15:00, block session 13:00-15:00, Asia/Shanghai.
/// Session windows are written <c>"HH:mm-HH:mm"</c> (start inclusive, end exclusive); holidays <c>"yyyy-MM-dd"</c>.
/// </summary>
public sealed record TradingCalendar
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly string[] NationalListingSessions = ["09:30-11:30", "13:00-15:00"];
    private static readonly string[] NationalBlockSessions = ["13:00-15:00"];
    private static readonly IsoDayOfWeek[] Weekdays =
    [
        IsoDayOfWeek.Monday,
        IsoDayOfWeek.Tuesday,
        IsoDayOfWeek.Wednesday,
        IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday,
    ];

    /// <summary>IANA time zone of the sessions and of the trading date.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>Every instant is inside a session, every day a trading day (demo and test instruments).</summary>
    public bool AlwaysOpen { get; init; }

    /// <summary>Trading weekdays; null for Monday to Friday.</summary>
    public IsoDayOfWeek[]? TradingDays { get; init; }

    /// <summary>Exchange holidays (no trading), as <c>yyyy-MM-dd</c>.</summary>
    public string[]? Holidays { get; init; }

    /// <summary>Listing (continuous) sessions; null for 09:30-11:30 and 13:00-15:00.</summary>
    public string[]? ListingSessions { get; init; }

    /// <summary>Block trading sessions; null for 13:00-15:00.</summary>
    public string[]? BlockSessions { get; init; }

    // Parsed forms, each kept with the text it came from: a record copied with `with` carries these fields along.
    private DateTimeZone? _zone;
    private (string[]? Text, HashSet<LocalDate> Dates)? _holidays;
    private (string[]? Text, List<Window> Windows)? _listing;
    private (string[]? Text, List<Window> Windows)? _block;

    [JsonIgnore]
    private DateTimeZone Zone => _zone is { } zone && zone.Id == TimeZone ? zone : _zone = DateTimeZoneProviders.Tzdb[TimeZone];

    /// <summary>The trading date of <paramref name="at"/>: its calendar date in the calendar's zone.</summary>
    public LocalDate DateOf(Instant at) => at.InZone(Zone).Date;

    /// <summary>The first instant of <paramref name="date"/> in the calendar's zone.</summary>
    public Instant StartOf(LocalDate date) => date.AtStartOfDayInZone(Zone).ToInstant();

    /// <summary>Whether <paramref name="date"/> is a trading day (a trading weekday and not a holiday).</summary>
    /// <exception cref="FormatException">A holiday in the configuration is malformed.</exception>
    public bool IsTradingDay(LocalDate date)
    {
        if (AlwaysOpen)
            return true;
        if (!(TradingDays ?? Weekdays).Contains(date.DayOfWeek))
            return false;
        if (_holidays is not { } holidays || !ReferenceEquals(holidays.Text, Holidays))
            _holidays = holidays = (Holidays, (Holidays ?? []).Select(ParseDate).ToHashSet());
        return !holidays.Dates.Contains(date);
    }

    /// <summary>The listing phase at <paramref name="at"/> (never <see cref="TradingPhase.Halted"/>: halts belong to the book).</summary>
    /// <exception cref="FormatException">A session or holiday in the configuration is malformed.</exception>
    public TradingPhase PhaseAt(Instant at)
    {
        if (AlwaysOpen)
            return TradingPhase.Continuous;
        var local = at.InZone(Zone).LocalDateTime;
        if (!IsTradingDay(local.Date))
            return TradingPhase.Closed;
        var sessions = Windows(ListingSessions, NationalListingSessions, ref _listing);
        var time = local.TimeOfDay;
        if (AnyContains(sessions, time))
            return TradingPhase.Continuous;
        if (sessions.Count == 0 || time >= sessions.Max(s => s.End))
            return TradingPhase.Closed;
        return time < sessions.Min(s => s.Start) ? TradingPhase.PreOpen : TradingPhase.Break;
    }

    /// <summary>Whether block trades may be proposed and accepted at <paramref name="at"/>.</summary>
    public bool IsBlockSession(Instant at)
    {
        if (AlwaysOpen)
            return true;
        var local = at.InZone(Zone).LocalDateTime;
        return IsTradingDay(local.Date) && AnyContains(Windows(BlockSessions, NationalBlockSessions, ref _block), local.TimeOfDay);
    }

    /// <summary>The listing sessions as text, for reject details.</summary>
    public string DescribeListingSessions() =>
        AlwaysOpen ? "always open" : $"{string.Join(", ", ListingSessions ?? NationalListingSessions)} {TimeZone}, trading days only";

    /// <summary>The block sessions as text, for reject details.</summary>
    public string DescribeBlockSessions() =>
        AlwaysOpen ? "always open" : $"{string.Join(", ", BlockSessions ?? NationalBlockSessions)} {TimeZone}, trading days only";

    private static List<Window> Windows(string[]? configured, string[] national, ref (string[]? Text, List<Window> Windows)? parsed)
    {
        if (parsed is { } cached && ReferenceEquals(cached.Text, configured))
            return cached.Windows;
        var windows = (configured ?? national).Select(ParseWindow).ToList();
        parsed = (configured, windows);
        return windows;
    }

    // A loop, not Any(lambda): a lambda capturing a local allocates its closure on every call, even when it is not reached.
    private static bool AnyContains(List<Window> windows, LocalTime time)
    {
        foreach (var window in windows)
            if (window.Contains(time))
                return true;
        return false;
    }

    private static Window ParseWindow(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new FormatException($"Session '{text}' is not HH:mm-HH:mm.");
        var start = TimePattern.Parse(parts[0]).GetValueOrThrow();
        var end = TimePattern.Parse(parts[1]).GetValueOrThrow();
        if (end <= start)
            throw new FormatException($"Session '{text}' ends before it starts.");
        return new Window(start, end);
    }

    private static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    private readonly record struct Window(LocalTime Start, LocalTime End)
    {
        public bool Contains(LocalTime t) => t >= Start && t < End;
    }
}
