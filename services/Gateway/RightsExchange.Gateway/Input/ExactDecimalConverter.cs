using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RightsExchange.Gateway.Input;

/// <summary>
/// Reads a JSON number (or a string holding one, for clients whose numbers are doubles) as the exact decimal it
/// writes, or refuses it: <see cref="JsonException"/> when it has more significant digits or decimal places than a
/// <see cref="decimal"/> holds (28 places, 96-bit coefficient), or is not a plain JSON number (<c>NaN</c>, <c>"abc"</c>,
/// <c>" 1"</c>). <see cref="Utf8JsonReader.GetDecimal"/> would round <c>100.000000000000000000000000001</c> to 100.
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    private const int MaxScale = 28;
    private static readonly System.Numerics.BigInteger MaxCoefficient = new(decimal.MaxValue);

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.Number => Encoding.ASCII.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.String => reader.GetString()!,
            _ => throw new JsonException("A number is expected here."),
        };
        return Parse(text);
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    /// <summary>The exact value of JSON number text <paramref name="text"/>.</summary>
    /// <exception cref="JsonException">Not a JSON number, or not exactly a decimal.</exception>
    public static decimal Parse(string text)
    {
        var shown = text.Length <= 40 ? text : text[..40] + "...";
        if (!TrySplit(text, out var negative, out var digits, out var scale))
            throw new JsonException($"'{shown}' is not a number (JSON number syntax, e.g. 100 or 58.85).");
        digits = digits.TrimStart('0');
        while (scale > 0 && digits.EndsWith('0'))
            (digits, scale) = (digits[..^1], scale - 1);
        if (digits.Length == 0)
            return 0m;
        if (scale < 0)
        {
            if (digits.Length - scale > 30)
                throw OutOfRange(shown);
            (digits, scale) = (digits + new string('0', -scale), 0);
        }
        if (scale > MaxScale)
            throw new JsonException($"{shown} has more decimal places than the {MaxScale} a decimal holds; it is refused, not rounded.");
        if (digits.Length > 29 || System.Numerics.BigInteger.Parse(digits, CultureInfo.InvariantCulture) > MaxCoefficient)
            throw digits.Length > scale + 29 || scale == 0
                ? OutOfRange(shown)
                : new JsonException($"{shown} has more significant digits than a decimal holds (about 28); it is refused, not rounded.");
        var point = digits.Length - scale;
        var plain = point > 0 ? $"{digits[..point]}.{digits[point..]}" : $"0.{new string('0', -point)}{digits}";
        var value = decimal.Parse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    private static JsonException OutOfRange(string shown) => new($"{shown} is beyond the range of a decimal (about ±7.9e28).");

    // JSON number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?; scale = fraction digits - exponent.
    private static bool TrySplit(string text, out bool negative, out string digits, out int scale)
    {
        (negative, digits, scale) = (false, "", 0);
        var i = 0;
        if (i < text.Length && text[i] == '-')
            (negative, i) = (true, i + 1);
        var intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
        var integer = text[intStart..i];
        if (integer.Length == 0 || (integer.Length > 1 && integer[0] == '0'))
            return false;
        var fraction = "";
        if (i < text.Length && text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            fraction = text[start..i];
            if (fraction.Length == 0)
                return false;
        }
        var exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var sign = 1;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                (sign, i) = (text[i] == '-' ? -1 : 1, i + 1);
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            if (i == start || i - start > 6)
                return false;
            exponent = sign * int.Parse(text[start..i], CultureInfo.InvariantCulture);
        }
        if (i != text.Length)
            return false;
        (digits, scale) = (integer + fraction, fraction.Length - exponent);
        return true;
    }
}
