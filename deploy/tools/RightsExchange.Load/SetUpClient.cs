using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts;

namespace RightsExchange.Load;

/// <summary>The tool's calls of the API around a run (tokens, set-up, checks), apart from the requests it measures.</summary>
public sealed class SetUpClient(Uri gateway)
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();

    public HttpClient Http { get; } =
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>
    /// The client of the requests a run measures: it gives up on an answer after 30 s, sooner than the set-up and the
    /// checks do, so the request is sent again, as a client would.
    /// </summary>
    public static HttpClient Measured(Uri gateway) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A development token (<c>POST /api/dev/tokens</c>, demo mode) for <paramref name="request"/>'s subject and role.</summary>
    public async Task<string> Token(object request)
    {
        var response = await Http.PostAsJsonAsync("/api/dev/tokens", request, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("token").GetString()!;
    }

    /// <summary>Posts; a 409 (already there) is fine. Returns the Location of a 202 answer (an action awaiting approval), else
    /// null.</summary>
    public async Task<string?> Post(string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode == System.Net.HttpStatusCode.Accepted ? response.Headers.Location?.ToString() : null;
    }
}
