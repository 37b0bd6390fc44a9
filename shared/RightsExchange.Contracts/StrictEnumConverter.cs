using System.Text.Json;
using System.Text.Json.Serialization;

namespace RightsExchange.Contracts;

/// <summary>
/// Enums as their names, and only their names: a defined member's name (any case) is read; a number, a name list
/// (<c>"Buy,Sell"</c>), padding (<c>" Buy"</c>) or an undefined name is a <see cref="JsonException"/> that lists the
/// names allowed. <see cref="JsonStringEnumConverter"/> accepts all of those and stores values no contract defines.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(NamesOnly<>).MakeGenericType(typeToConvert))!;

    private sealed class NamesOnly<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>()
            .ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);
        private static readonly string Allowed = string.Join(", ", Enum.GetNames<T>());

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"{typeof(T).Name} is written as one of its names: {Allowed}.");
            return Parse(reader.GetString()!);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());

        private static T Parse(string name) =>
            ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException($"'{Truncate(name)}' is not a {typeof(T).Name}; one of: {Allowed}.");

        private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
    }
}
