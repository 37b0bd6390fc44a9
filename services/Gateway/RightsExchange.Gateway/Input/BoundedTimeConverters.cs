using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace RightsExchange.Gateway.Input;

/// <summary>Instants in a request body: ISO-8601 UTC (<c>2025-06-30T07:00:00Z</c>) and inside <see cref="InputLimits"/>.</summary>
public sealed class BoundedInstantConverter(InputLimits limits) : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        const string Form = "An instant is written as an ISO-8601 UTC string, e.g. 2025-06-30T07:00:00Z.";
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException(Form);
        var parsed = InstantPattern.ExtendedIso.Parse(reader.GetString()!);
        if (!parsed.Success)
            throw new JsonException(Form);
        return limits.CheckInstant(parsed.Value) is { } problem ? throw new JsonException(problem) : parsed.Value;
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
}

/// <summary>Dates in a request body: <c>yyyy-MM-dd</c> and inside <see cref="InputLimits"/>.</summary>
public sealed class BoundedDateConverter(InputLimits limits) : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("A date is written as yyyy-MM-dd.");
        var parsed = LocalDatePattern.Iso.Parse(reader.GetString()!);
        if (!parsed.Success)
            throw new JsonException("A date is written as yyyy-MM-dd.");
        return limits.CheckDate(parsed.Value) is { } problem ? throw new JsonException(problem) : parsed.Value;
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}
