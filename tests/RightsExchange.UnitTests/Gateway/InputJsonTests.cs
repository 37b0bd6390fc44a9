using System.Text.Json;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Input;

namespace RightsExchange.UnitTests.Gateway;

/// <summary>The gateway reads request bodies exactly or refuses them: numbers, enums, text, instants.</summary>
public sealed class InputJsonTests
{
    private static readonly JsonSerializerOptions Json = InputChecks.Add(ContractJson.Web(), new InputLimits());

    private sealed record Body(decimal Quantity, Side Side, string Text, NodaTime.Instant At);

    private static Body Read(
        string quantity = "1",
        string side = "\"Buy\"",
        string text = "\"ok\"",
        string at = "\"2025-06-30T07:00:00Z\""
    ) => JsonSerializer.Deserialize<Body>($$"""{"quantity":{{quantity}},"side":{{side}},"text":{{text}},"at":{{at}}}""", Json)!;

    [Theory]
    [InlineData("100", "100")]
    [InlineData("58.85", "58.85")]
    [InlineData("-0.01", "-0.01")]
    [InlineData("1.5e3", "1500")]
    [InlineData("15E-1", "1.5")]
    [InlineData("100.000000000000000000000000000", "100")]
    [InlineData("\"3494.9\"", "3494.9")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void An_exact_decimal_is_read_as_written(string json, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(quantity: json).Quantity);

    [Theory]
    [InlineData("100.000000000000000000000000001", "more significant digits")]
    [InlineData("0.00000000000000000000000000001", "more decimal places")]
    [InlineData("1e30", "beyond the range")]
    [InlineData("123456789012345678901234567890", "beyond the range")]
    [InlineData("79228162514264337593543950336", "beyond the range")]
    [InlineData("\"abc\"", "not a number")]
    [InlineData("\"NaN\"", "not a number")]
    [InlineData("\" 1\"", "not a number")]
    [InlineData("\"01\"", "not a number")]
    [InlineData("true", "number is expected")]
    public void A_number_a_decimal_cannot_hold_exactly_is_refused_not_rounded(string json, string why)
    {
        var refused = Assert.Throws<JsonException>(() => Read(quantity: json));
        Assert.Contains(why, refused.Message);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"Buy,Sell\"")]
    [InlineData("\" Buy\"")]
    [InlineData("\"Sideways\"")]
    public void Only_a_defined_enum_name_is_read(string json) => Assert.Throws<JsonException>(() => Read(side: json));

    [Fact]
    public void An_enum_name_is_read_in_any_case() => Assert.Equal(Side.Sell, Read(side: "\"sell\"").Side);

    [Theory]
    [InlineData("\"a\\u0000b\"", "control characters")]
    [InlineData("\"a\\u001bb\"", "control characters")]
    public void Text_with_control_characters_is_refused(string json, string why) =>
        Assert.Contains(why, Assert.Throws<JsonException>(() => Read(text: json)).Message);

    [Fact]
    public void Text_longer_than_the_limit_is_refused() =>
        Assert.Contains("limited to 1000", Assert.Throws<JsonException>(() => Read(text: $"\"{new string('x', 1001)}\"")).Message);

    [Fact]
    public void Text_with_line_breaks_is_read() => Assert.Equal("a\nb", Read(text: "\"a\\nb\"").Text);

    [Theory]
    [InlineData("\"-0001-01-01T00:00:00Z\"")]
    [InlineData("\"9999-12-31T00:00:00Z\"")]
    [InlineData("\"yesterday\"")]
    public void An_instant_outside_the_bounds_or_malformed_is_refused(string json) => Assert.Throws<JsonException>(() => Read(at: json));
}
