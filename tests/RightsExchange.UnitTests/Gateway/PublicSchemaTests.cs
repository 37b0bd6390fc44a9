using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using NodaTime;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Public.V1;

namespace RightsExchange.UnitTests.Gateway;

/// <summary>
/// The JSON schemas in docs/schemas are generated from the contract records with System.Text.Json's schema exporter,
/// so they cannot drift from what is published. After changing a record: <c>RX_WRITE_SCHEMAS=1 dotnet test --filter PublicSchemaTests</c>.
/// </summary>
public sealed class PublicSchemaTests
{
    private static readonly JsonSerializerOptions Json = NamedEnums(
        new(ContractJson.Web())
        {
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
            // Published numbers are JSON numbers (the API's lenient reading of numeric strings is not part of the contract).
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        }
    );

    // The exporter lists an enum's names only for the framework's converter; StrictEnumConverter writes the same names.
    private static JsonSerializerOptions NamedEnums(JsonSerializerOptions options)
    {
        options.Converters.Remove(options.Converters.OfType<StrictEnumConverter>().Single());
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
        return options;
    }

    public static TheoryData<string> Types() => new(CloudEventTypes.DataTypes.Keys);

    public static string Schema(string type)
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                var t = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
                var nullable = t != context.TypeInfo.Type;
                JsonNode? format =
                    t == typeof(Instant) ? "date-time"
                    : t == typeof(LocalDate) ? "date"
                    : null;
                if (format is null)
                    return node;
                return new JsonObject { ["type"] = nullable ? new JsonArray("string", "null") : "string", ["format"] = format };
            },
        };
        var schema = Json.GetJsonSchemaAsNode(CloudEventTypes.DataTypes[type], options).AsObject();
        schema.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.Insert(1, "$id", $"https://rightsexchange.dev/schemas/{type}.json");
        schema.Insert(2, "title", type);
        return schema.ToJsonString(
                new JsonSerializerOptions
                {
                    WriteIndented = true,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            ) + "\n";
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void The_committed_schema_of_each_feed_type_is_the_one_generated_from_its_record(string type)
    {
        var path = Path.Combine(Root(), "docs", "schemas", $"{type}.json");
        var generated = Schema(type);
        if (Environment.GetEnvironmentVariable("RX_WRITE_SCHEMAS") == "1")
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing; run RX_WRITE_SCHEMAS=1 dotnet test --filter PublicSchemaTests");
        Assert.Equal(generated, File.ReadAllText(path));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RightsExchange.sln")))
                return dir.FullName;
        throw new InvalidOperationException("RightsExchange.sln not found");
    }
}
