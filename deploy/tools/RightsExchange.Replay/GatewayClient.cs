using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts;

namespace RightsExchange.Replay;

/// <summary>A thin client of the public HTTP API; every non-success answer becomes an exception carrying its problem details.</summary>
public sealed class GatewayClient(Uri baseAddress)
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, string> _tokens = new();

    /// <summary>
    /// A development token (POST /api/dev/tokens) for a regulator, for a trader of <paramref name="participantId"/>, or for
    /// an individual. <paramref name="subject"/> tells two regulators or two individuals apart.
    /// </summary>
    public async Task<string> Token(string role, string? participantId = null, string? subject = null)
    {
        subject ??= participantId ?? "replay-regulator";
        var key = $"{role}:{participantId}:{subject}";
        if (_tokens.TryGetValue(key, out var cached))
            return cached;
        var response = await _http.PostAsJsonAsync(
            "/api/dev/tokens",
            new
            {
                subject,
                role,
                participantId,
            },
            Json
        );
        var body = await Read<JsonElement>(response);
        return _tokens[key] = body.GetProperty("token").GetString()!;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> Post(string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(HttpStatusCode Status, string Body)> Delete(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs <paramref name="path"/> with the bearer <paramref name="token"/>, or anonymously when it is null.</summary>
    public async Task<T> Get<T>(string? token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Read<T>(await _http.SendAsync(request));
    }

    private static async Task<T> Read<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }
}
