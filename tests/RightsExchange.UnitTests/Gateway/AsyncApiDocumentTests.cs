using RightsExchange.Contracts.Public.V1;
using RightsExchange.UnitTests.Shared;
using YamlDotNet.RepresentationModel;

namespace RightsExchange.UnitTests.Gateway;

/// <summary>
/// docs/asyncapi.yaml is written by hand for outside subscribers; its messages, channels and operations are held here
/// to the feed's one table of types (<see cref="CloudEventTypes"/>: each type, its record, public or private), so a
/// type added to the feed without its document, or a document naming a type the feed does not have, fails.
/// </summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly YamlMappingNode Document = Load();

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Repository.Root(), "docs", "asyncapi.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string Short(string type) => type[(type.LastIndexOf('.') + 1)..];

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => current is YamlMappingNode map ? map[key] : ((YamlSequenceNode)current)[int.Parse(key)]);

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static SortedSet<string> Keys(params string[] path) =>
        new(((YamlMappingNode)At(Document, path)).Children.Keys.Select(k => ((YamlScalarNode)k).Value!), StringComparer.Ordinal);

    private static SortedSet<string> OperationMessages(string operation) =>
        new(
            ((YamlSequenceNode)At(Document, "operations", operation, "messages")).Select(m =>
                Text(m, "$ref")[(Text(m, "$ref").LastIndexOf('/') + 1)..]
            ),
            StringComparer.Ordinal
        );

    private static SortedSet<string> ShortNames(IEnumerable<string> types) => new(types.Select(Short), StringComparer.Ordinal);

    public static TheoryData<string> Types() => new(CloudEventTypes.DataTypes.Keys);

    [Fact]
    public void The_document_has_one_message_for_each_feed_type_and_no_other()
    {
        var messages = Keys("components", "messages");
        messages.Remove("WebhookDelivery");
        Assert.Equal(ShortNames(CloudEventTypes.DataTypes.Keys), messages);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Each_message_names_its_type_audience_and_the_schema_of_its_record(string type)
    {
        var message = At(Document, "components", "messages", Short(type));
        Assert.Equal(type, Text(message, "name"));
        Assert.Equal(CloudEventTypes.Public.Contains(type) ? "public" : "private", Text(message, "tags", "0", "name"));
        Assert.Equal($"#/components/schemas/{Short(type)}Event", Text(message, "payload", "$ref"));

        var cloudEvent = At(Document, "components", "schemas", $"{Short(type)}Event");
        Assert.Equal(type, Text(cloudEvent, "title"));
        var properties = At(cloudEvent, "allOf", "1", "properties");
        Assert.Equal(type, Text(properties, "type", "const"));
        Assert.Equal($"https://rightsexchange.dev/schemas/{type}.json", Text(properties, "dataschema", "const"));
        Assert.Equal($"./schemas/{type}.json", Text(properties, "data", "$ref"));
    }

    [Fact]
    public void The_broker_carries_the_public_types_only()
    {
        var publicTypes = ShortNames(CloudEventTypes.Public);
        Assert.Equal(publicTypes, Keys("channels", "publicFeed", "messages"));
        Assert.Equal(publicTypes, OperationMessages("publishPublicFeed"));
        var routed = ((YamlSequenceNode)At(Document, "channels", "publicFeed", "parameters", "type", "enum")).Select(n => n.ToString());
        Assert.Equal(
            new SortedSet<string>(CloudEventTypes.Public, StringComparer.Ordinal),
            new SortedSet<string>(routed, StringComparer.Ordinal)
        );
    }

    [Fact]
    public void The_event_stream_carries_every_type_the_private_ones_to_their_participant()
    {
        Assert.Equal(ShortNames(CloudEventTypes.DataTypes.Keys), Keys("channels", "feedStream", "messages"));
        Assert.Equal(ShortNames(CloudEventTypes.Public), OperationMessages("streamPublicFeed"));
        Assert.Equal(ShortNames(CloudEventTypes.Private), OperationMessages("streamOwnOrderEvents"));
    }
}
