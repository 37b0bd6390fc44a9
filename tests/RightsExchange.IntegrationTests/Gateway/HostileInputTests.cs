using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RightsExchange.IntegrationTests.Gateway;

/// <summary>
/// A hostile corpus over the gateway's own OpenAPI document: for every operation, every field of its body and every
/// query and route parameter replaced in turn by a value nothing may accept (wrong type, NUL and control characters,
/// 100 KB text, numbers a decimal cannot hold exactly, undefined or flag-style enum names, instants out of bounds),
/// and whole bodies that are truncated, empty, null or not objects; sent as a trader and as a regulator.
/// Every answer must be a 4xx problem details with type, title, status, detail and reason, and nothing may change.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class HostileInputTests(ExchangeFixture exchange)
{
    private static readonly string[] HostileText = ["\"a\\u0000b\"", "\"a\\u001bb\"", $"\"{new string('x', 100_000)}\"", "42", "[]", "{}"];
    private static readonly string[] HostileNumber =
    [
        "\"abc\"",
        "\"NaN\"",
        "1e30",
        "123456789012345678901234567890",
        "100.000000000000000000000000001",
        "true",
        "{}",
        "\"a\\u0000\"",
    ];
    private static readonly string[] HostileEnum = ["\"Sideways\"", "42", "-1", "\"Buy,Sell\"", "\" Buy\"", "\"\\u0000\""];
    private static readonly string[] HostileInstant = ["\"-0001-01-01T00:00:00Z\"", "\"9999-12-31T00:00:00Z\"", "\"yesterday\"", "42"];
    private static readonly string[] HostileBodies = ["{\"a\":", "null", "", "[]", "\"text\"", "{", "[1,2"];

    // Any text is a valid value for a text parameter but the first two; the others are hostile to typed ones only.
    private static readonly string[] HostileQuery = ["%00", new string('q', 2_000), "-0001-01-01T00:00:00Z", "abc"];

    [Fact]
    public async Task Every_hostile_request_is_a_4xx_problem_with_its_reason_and_changes_nothing()
    {
        var market = await Market.Open(exchange);
        var instrument = await market.Instrument();
        var (participant, trader) = await market.Participant("hostile");
        await market.Deposit(participant, 50_000);
        var callers = new[] { trader, market.Regulator };
        var before = await Snapshot(market.Regulator, participant);

        var document = JsonNode.Parse(await (await market.Regulator.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var schemas = document["components"]?["schemas"]?.AsObject();
        var ids = new Dictionary<string, string>
        {
            ["participantId"] = participant,
            ["instrumentId"] = instrument,
            ["counterparty"] = participant,
        };
        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (path.StartsWith("/api/feed", StringComparison.Ordinal))
                continue; // a stream: its bad query is below
            foreach (var (method, operation) in item!.AsObject())
            {
                var template = Fill(path, ids);
                var requests = new List<(string Path, string? Body)>();
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } bodySchema)
                {
                    var sample = (JsonObject)Sample(bodySchema, schemas, ids, null)!;
                    foreach (var (name, property) in Properties(bodySchema, schemas))
                    foreach (var hostile in HostileFor(property, schemas))
                    {
                        var mutated = (JsonObject)sample.DeepClone();
                        mutated[name] = JsonNode.Parse(hostile);
                        requests.Add((template, mutated.ToJsonString()));
                    }
                    requests.AddRange(HostileBodies.Select(b => (template, (string?)b)));
                }
                foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                {
                    var name = parameter!["name"]!.GetValue<string>();
                    var where = parameter["in"]!.GetValue<string>();
                    var kind = parameter["schema"] is JsonObject { Count: > 0 } typed ? Kind(typed, schemas) : "string";
                    foreach (var hostile in kind == "string" ? HostileQuery[..2] : HostileQuery)
                    {
                        // A NUL in the path itself never reaches the application (the server refuses the request line).
                        var value = hostile == "%00" ? (where == "path" ? "%1B" : hostile) : Uri.EscapeDataString(hostile);
                        requests.Add(
                            where == "path"
                                ? (Fill(path.Replace("{" + name + "}", value), ids), null)
                                : ($"{template}?{name}={value}", null)
                        );
                    }
                }
                foreach (var (target, body) in requests)
                foreach (var caller in callers)
                {
                    sent++;
                    if (await Refusal(caller, method, target, body) is { } failure)
                        failures.Add(failure);
                }
            }
        }
        foreach (var caller in callers)
        {
            sent++;
            if (await Refusal(caller, "get", "/api/feed?after=abc", null) is { } failure)
                failures.Add(failure);
        }

        Assert.True(sent > 1_000, $"only {sent} hostile requests were made from the OpenAPI document");
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {sent} hostile requests were not refused properly:\n" + string.Join("\n", failures.Take(40))
        );
        Assert.Equal(before, await Snapshot(market.Regulator, participant));
    }

    private static async Task<string?> Refusal(HttpClient caller, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await caller.SendAsync(request);
        var status = (int)response.StatusCode;
        var what = $"{method.ToUpperInvariant()} {Shorten(path)} {Shorten(body ?? "")} -> {status}";
        if (status is < 400 or >= 500)
            return what;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{what} as {response.Content.Headers.ContentType}";
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var member in new[] { "type", "title", "detail", "reason" })
            if (!problem.TryGetProperty(member, out var value) || value.GetString() is not { Length: > 0 })
                return $"{what} without {member}: {Shorten(problem.ToString())}";
        if (!problem.GetProperty("type").GetString()!.StartsWith("urn:rightsexchange:problem:", StringComparison.Ordinal))
            return $"{what}: type {problem.GetProperty("type")}";
        return problem.TryGetProperty("status", out var s) && s.GetInt32() == status ? null : $"{what} with another status in the body";
    }

    private static async Task<string> Snapshot(HttpClient regulator, string participant)
    {
        var account = await regulator.GetFromJsonAsync<JsonElement>($"/api/accounts/{participant}");
        return $"{account.GetProperty("holdings")} {account.GetProperty("cash")}";
    }

    private static string Fill(string path, Dictionary<string, string> ids)
    {
        foreach (var (name, value) in ids)
            path = path.Replace("{" + name + "}", value);
        return System.Text.RegularExpressions.Regex.Replace(
            path.Replace("{date}", "2025-06-30").Replace("{period}", "2024"),
            "\\{[^}]+\\}",
            Guid.NewGuid().ToString()
        );
    }

    private static JsonNode Resolve(JsonNode schema, JsonObject? schemas) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? Resolve(schemas![reference.Split('/')[^1]]!, schemas) : schema;

    // The branch of a nullable field's oneOf that is not null.
    private static JsonNode NotNull(JsonNode schema, JsonObject? schemas) =>
        (schema["oneOf"] ?? schema["anyOf"]) is JsonArray any
            ? Resolve(any.First(o => o!["type"]?.ToString() != "null")!, schemas)
            : schema;

    private static IEnumerable<(string Name, JsonNode Schema)> Properties(JsonNode schema, JsonObject? schemas) =>
        Resolve(schema, schemas)["properties"]?.AsObject().Select(p => (p.Key, p.Value!)) ?? [];

    private static string Kind(JsonNode schema, JsonObject? schemas)
    {
        var resolved = Resolve(schema, schemas);
        if (resolved["enum"] is not null)
            return "enum";
        if (resolved["format"]?.GetValue<string>() is "date-time" or "date")
            return "instant";
        var type = resolved["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t is not "null" and not "string")
                ?? types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue single => single.GetValue<string>(),
            _ => (resolved["oneOf"] ?? resolved["anyOf"]) is JsonArray any
                ? Kind(any.First(o => o!["type"]?.ToString() != "null")!, schemas)
                : "object",
        };
        return type ?? "object";
    }

    private static IEnumerable<string> HostileFor(JsonNode property, JsonObject? schemas) =>
        Kind(property, schemas) switch
        {
            "enum" => HostileEnum,
            "instant" => HostileInstant,
            "number" or "integer" => HostileNumber,
            "string" => HostileText,
            _ => ["\"a\\u0000b\"", "42"],
        };

    private static JsonNode? Sample(JsonNode schema, JsonObject? schemas, Dictionary<string, string> ids, string? name)
    {
        if (name is not null && ids.TryGetValue(name, out var id))
            return JsonValue.Create(id);
        var resolved = NotNull(Resolve(schema, schemas), schemas);
        return Kind(schema, schemas) switch
        {
            "enum" => resolved["enum"]!.AsArray().First(v => v is not null)!.DeepClone(),
            "instant" => JsonValue.Create(resolved["format"]!.GetValue<string>() == "date" ? "2025-06-30" : "2025-06-30T07:00:00Z"),
            "number" or "integer" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(false),
            "array" => new JsonArray(),
            "string" => JsonValue.Create("x"),
            _ => new JsonObject(
                Properties(schema, schemas).Select(p => KeyValuePair.Create(p.Name, Sample(p.Schema, schemas, ids, p.Name)))
            ),
        };
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "...";
}
