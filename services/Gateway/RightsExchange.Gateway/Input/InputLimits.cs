using NodaTime;

namespace RightsExchange.Gateway.Input;

/// <summary>
/// Bounds on what the API accepts (section <c>Gateway:Input</c>), checked before anything reaches the bus.
/// </summary>
public sealed class InputLimits
{
    /// <summary>Longest string accepted in a body, a query or a route value, in UTF-16 characters.</summary>
    public int MaxTextLength { get; set; } = 1000;

    /// <summary>Largest quantity a request may name, in the instrument's unit (orders, issuance, transfers, pledges...).</summary>
    public decimal MaxQuantity { get; set; } = 100_000_000_000m;

    /// <summary>Highest price, CNY per unit, an order, a bid, a block trade or an auction's reserve may name.</summary>
    public decimal MaxPrice { get; set; } = 1_000_000_000m;

    /// <summary>Largest amount of cash, CNY, a deposit may record.</summary>
    public decimal MaxCashAmount { get; set; } = 1_000_000_000_000m;

    /// <summary>Highest price, CNY per unit, an off-exchange transfer may record.</summary>
    public decimal MaxTransferPrice { get; set; } = 1_000_000m;

    /// <summary>Earliest instant or date accepted (as-of queries, search windows, statement dates).</summary>
    public Instant Earliest { get; set; } = Instant.FromUtc(2000, 1, 1, 0, 0);

    /// <summary>Latest instant or date accepted.</summary>
    public Instant Latest { get; set; } = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <summary>Null when <paramref name="text"/> is acceptable, else why not.</summary>
    public string? CheckText(string text)
    {
        if (text.Length > MaxTextLength)
            return $"Text is limited to {MaxTextLength} characters; this has {text.Length}.";
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return $"Text may not hold control characters (U+{(int)c:X4} found).";
        return null;
    }

    /// <summary>Null when <paramref name="at"/> is inside the bounds, else why not.</summary>
    public string? CheckInstant(Instant at) =>
        at < Earliest || at > Latest ? $"Instants and dates are accepted from {Earliest} to {Latest}." : null;

    /// <summary>Parses an ISO-8601 UTC instant inside the bounds; null when it is one, else why not.</summary>
    public string? ParseInstant(string text, out Instant value)
    {
        var parsed = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text);
        value = parsed.Success ? parsed.Value : default;
        return parsed.Success ? CheckInstant(value) : "Give an ISO-8601 UTC instant, e.g. 2025-06-30T07:00:00Z.";
    }

    /// <summary>Null when <paramref name="date"/> is inside the bounds, else why not.</summary>
    public string? CheckDate(LocalDate date) => CheckInstant(date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
}
