using System.Text.Json;
using System.Text.Json.Serialization;

namespace RightsExchange.Gateway.Input;

/// <summary>
/// Every string in a request body: at most <see cref="InputLimits.MaxTextLength"/> characters and no control
/// characters but tab, line feed and carriage return (a NUL would reach PostgreSQL, which refuses it).
/// Refusals are <see cref="JsonException"/>s naming the limit.
/// </summary>
public sealed class SafeTextConverter(InputLimits limits) : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("A string is expected here.");
        var text = reader.GetString()!;
        return limits.CheckText(text) is { } problem ? throw new JsonException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
