using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.Retry;
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

    /// <summary>
    /// How a run sends a measured request, as a client would: again, with the same ids, one second after a 5xx (a back
    /// end failing over) or no answer within <see cref="Measured"/>'s timeout, up to 30 tries in all. Each try builds its
    /// request anew (<paramref name="request"/>); <paramref name="retried"/> counts the tries after the first. Returns the
    /// last answer, or null when the last try got none.
    /// </summary>
    public static async Task<HttpResponseMessage?> SendRetrying(HttpClient client, Func<HttpRequestMessage> request, Action retried)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(
                new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .Handle<TaskCanceledException>()
                        .HandleResult(r => (int)r.StatusCode >= 500),
                    MaxRetryAttempts = 29,
                    BackoffType = DelayBackoffType.Constant,
                    Delay = TimeSpan.FromSeconds(1),
                    OnRetry = _ =>
                    {
                        retried();
                        return ValueTask.CompletedTask;
                    },
                }
            )
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async ct => await client.SendAsync(request(), ct));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

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
