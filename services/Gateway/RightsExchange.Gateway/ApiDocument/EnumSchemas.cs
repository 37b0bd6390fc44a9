using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RightsExchange.Gateway.ApiDocument;

/// <summary>
/// Writes each enum's names into the OpenAPI document: enums are read by <see cref="Contracts.StrictEnumConverter"/>,
/// a custom converter whose names the document generator cannot see by itself.
/// </summary>
public sealed class EnumSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsEnum)
            return Task.CompletedTask;
        schema.Type = JsonSchemaType.String;
        schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)name)];
        return Task.CompletedTask;
    }
}
