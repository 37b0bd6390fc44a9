using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RightsExchange.Gateway.Input;

namespace RightsExchange.Gateway.ApiDocument;

/// <summary>
/// Gives strings and decimals the types the gateway's own converters hide from the document generator
/// (<see cref="SafeTextConverter"/>, <see cref="ExactDecimalConverter"/>), and each bounded decimal its bounds as
/// configured (<see cref="BoundAttribute"/>, section <c>Gateway:Input</c>); and lists as required only the fields a
/// request must carry.
/// </summary>
public sealed class FieldSchemas(InputLimits limits) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        Optional(schema, context.JsonTypeInfo);
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(string) && schema.Type is null)
            schema.Type = JsonSchemaType.String;
        if (type != typeof(decimal))
            return Task.CompletedTask;
        schema.Type = JsonSchemaType.Number;
        schema.Format = "decimal";
        var bound = context
            .JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(BoundAttribute), true)
            .OfType<BoundAttribute>()
            .FirstOrDefault();
        if (bound is null)
            return Task.CompletedTask;
        var (minimum, exclusive) = bound.Minimum(limits);
        schema.Minimum = exclusive ? null : Text(minimum);
        schema.ExclusiveMinimum = exclusive ? Text(minimum) : null;
        schema.Maximum = Text(bound.Highest(limits));
        return Task.CompletedTask;
    }

    // The generator lists every constructor parameter as required; a nullable one without [Required] may be left out.
    private static void Optional(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (schema.Required is not { Count: > 0 } required || type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in type.Properties)
        {
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null || property.IsSetNullable;
            var marked = property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true;
            if (nullable && !marked)
                required.Remove(property.Name);
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
