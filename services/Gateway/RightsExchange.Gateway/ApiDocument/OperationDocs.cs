using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace RightsExchange.Gateway.ApiDocument;

/// <summary>
/// Completes each operation of the OpenAPI document from what the endpoint already declares: an <c>operationId</c>
/// and a summary and description from the handler's XML documentation, the bearer scheme where the endpoint needs a
/// token, and the problem-details answers it can give (400, 401, 403, 404, 422, 429, 500, 503).
/// </summary>
public sealed partial class OperationDocs : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    private const string ProblemSchema = "Problem";
    private static readonly Lazy<Dictionary<string, string>> Summaries = new(ReadXmlDocs);

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Accounts"] = "Holdings and cash of a participant, now or as of an instant.",
        ["Auctions"] = "One-way and sealed-bid auctions: announce, bid, clear at the close.",
        ["Audit"] = "The regulators' view of the event logs: search, export, positions, chains, reconciliation.",
        ["Biodiversity"] = "Biodiversity offset obligations of development consents: like-for-like retirement, fund payments, standing.",
        ["Block trades"] = "Negotiated block agreements between two named participants.",
        ["Compliance"] = "Verified emissions, surrender and compliance status per entity and period.",
        ["Development"] = "Demo mode only: tokens for anyone.",
        ["Market data"] = "Phase, price limits, depth, the trade tape and daily figures per instrument.",
        ["Orders"] = "Limit and market orders in the continuous order book.",
        ["Registry"] = "Participants, instruments, issuance, transfers, pledges, retirement and four-eyes actions.",
        ["Settlement"] = "Settlement cycles and daily statements.",
        ["Subscriptions"] = "The public feed as server-sent events, and webhooks.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description =
                "A JWT with one role claim: trader (with a participant claim), regulator, or an approver role "
                + "(Auth:ApproverRoles); in demo mode from POST /api/dev/tokens.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description =
                "RFC 9457 problem details; reason is the exchange's stable code, " + "also in type as urn:rightsexchange:problem:{reason}.",
            Required = new HashSet<string> { "type", "title", "status", "detail", "reason" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["reason"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description =
                        "The reason code: one of the catalogue's (docs/reason-codes.md, with each code's status and meaning), "
                        + "or HTTP_{status} for a status the gateway has no code for.",
                    Pattern = "^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$",
                },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = metadata.OfType<MethodInfo>().FirstOrDefault();
        var path = "/" + RouteConstraint().Replace(description.RelativePath ?? "", "{$1}");
        var verb = description.HttpMethod ?? "GET";
        operation.OperationId ??= OperationId(method, verb, path);
        if (method is not null && Summaries.Value.TryGetValue(Key(method), out var text))
        {
            operation.Summary ??= FirstSentence(text);
            operation.Description ??= text;
        }
        operation.Summary ??= $"{verb} {path}";

        if (verb == "POST")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(
                new OpenApiParameter
                {
                    Name = Input.IdempotencyKeys.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description =
                        "Makes a retry safe: the same key and body answer the first result again; "
                        + "another body is 422 IDEMPOTENCY_KEY_REUSED.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                }
            );
        }
        Example(operation, description, context);
        var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= new OpenApiResponses();
        // The generator's default 200 without a body, beside the answers the endpoint declares, is not a real answer.
        if (
            operation.Responses.TryGetValue("200", out var ok)
            && ok.Content is not { Count: > 0 }
            && operation.Responses.Keys.Any(k => k is not "200" && k.StartsWith('2'))
        )
            operation.Responses.Remove("200");
        // A declared answer that is a file or a stream (CSV, JSON Lines, server-sent events) has no schema the generator shows.
        var files = metadata
            .OfType<IProducesResponseTypeMetadata>()
            .Where(p => (p.Type is null || p.Type == typeof(void)) && p.ContentTypes.Any());
        foreach (var produced in files)
            if (
                operation.Responses.TryGetValue(produced.StatusCode.ToString(CultureInfo.InvariantCulture), out var answer)
                && answer is OpenApiResponse { Content: null or { Count: 0 } } stream
            )
                stream.Content = produced.ContentTypes.ToDictionary(
                    t => t,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }
                );
        if (needsToken)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
            Problem(operation, context, "401", "No token, or one that is expired, badly signed or malformed (UNAUTHENTICATED).");
            Problem(operation, context, "403", "The token's role or participant may not do this (FORBIDDEN_ROLE, FORBIDDEN).");
        }
        else
            operation.Security = [new OpenApiSecurityRequirement()];
        Problem(
            operation,
            context,
            "400",
            "Malformed input, named field by field (MALFORMED_JSON, INVALID_FIELD, INVALID_PARAMETER, ...)."
        );
        if (verb is not "GET")
            Problem(operation, context, "422", "Refused by a rule of the exchange or the registry, with its reason.");
        if (path.Contains('{'))
            Problem(operation, context, "404", "What the path names does not exist.");
        if (metadata.OfType<EnableRateLimitingAttribute>().Any() || !needsToken)
            Problem(operation, context, "429", "Over the rate limit (RATE_LIMITED); see Retry-After.");
        Problem(operation, context, "500", "An unexpected failure (INTERNAL_ERROR), with a trace id; nothing was half-applied.");
        if (needsToken)
            Problem(
                operation,
                context,
                "503",
                "A back-end service did not answer in time (SERVICE_UNAVAILABLE); safe to retry with the same ids."
            );
        return Task.CompletedTask;
    }

    // The request body's example from RequestExamples, written with the API's own JSON settings.
    private static void Example(OpenApiOperation operation, ApiDescription description, OpenApiOperationTransformerContext context)
    {
        var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        if (body is null || !RequestExamples.ByType.TryGetValue(body, out var example))
            return;
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("application/json", out var media))
            return;
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var node = JsonSerializer.SerializeToNode(example, body, json);
        WithoutNulls(node);
        media.Example = node;
    }

    // An omitted optional field reads as it is meant: absent, not null (in nested objects too).
    private static void WithoutNulls(JsonNode? node)
    {
        if (node is JsonObject fields)
        {
            foreach (var name in fields.Where(f => f.Value is null).Select(f => f.Key).ToList())
                fields.Remove(name);
            foreach (var (_, value) in fields)
                WithoutNulls(value);
        }
        else if (node is JsonArray items)
        {
            foreach (var item in items)
                WithoutNulls(item);
        }
    }

    private static void Problem(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
            return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        };
    }

    // A named handler gives its name (Place); a lambda gives the verb and the path's words (postApiRegistryActionsApprove).
    private static string OperationId(MethodInfo? method, string verb, string path)
    {
        if (method is { Name: var name } && !name.Contains('<') && method.DeclaringType is { } type)
            return char.ToLowerInvariant(type.Name[0]) + type.Name[1..].Replace("Endpoints", "") + name;
        var words = Words().Matches(path.Replace("{", "").Replace("}", "")).Select(m => char.ToUpperInvariant(m.Value[0]) + m.Value[1..]);
        return verb.ToLowerInvariant() + string.Concat(words);
    }

    private static string Key(MethodInfo method) => $"{method.DeclaringType!.FullName}.{method.Name}";

    // The handlers' docs begin with the route ("POST /api/orders (trader): 201 ..."), which the document shows anyway.
    private static string FirstSentence(string text)
    {
        if (Route().Match(text) is { Success: true } route && route.Length < text.Length)
            text = char.ToUpperInvariant(text[route.Length]) + text[(route.Length + 1)..];
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? text[..(end + 1)] : text;
        return sentence.Length <= 120 ? sentence : sentence[..117] + "...";
    }

    // The handlers' <summary> texts, from the XML documentation the build writes beside the assembly.
    private static Dictionary<string, string> ReadXmlDocs()
    {
        var file = Path.ChangeExtension(typeof(OperationDocs).Assembly.Location, ".xml");
        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file))
            return docs;
        foreach (var member in XDocument.Load(file).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            if (name is null || !name.StartsWith("M:", StringComparison.Ordinal) || member.Element("summary") is not { } summary)
                continue;
            var key = name[2..].Split('(')[0];
            var text = Whitespace().Replace(string.Concat(summary.Nodes().Select(Text)), " ").Trim();
            docs.TryAdd(key, text);
        }
        return docs;
    }

    private static string Text(XNode node) =>
        node switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("cref")?.Value.Split('.', ':').Last()
                ?? e.Attribute("langword")?.Value
                ?? e.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
            XElement e => string.Concat(e.Nodes().Select(Text)),
            _ => "",
        };

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex Words();

    [GeneratedRegex("\\{(\\w+):[^}]*\\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE) [^ ]+( \\([^)]*\\))?: ")]
    private static partial Regex Route();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
