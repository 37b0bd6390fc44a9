using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts;

namespace RightsExchange.Chaos;

/// <summary>An answer of the exchange: its status and body (empty when it had none).</summary>
public sealed record Answer(HttpStatusCode Status, JsonElement Body);

/// <summary>
/// The public API behind several gateway instances, as a careful client uses it: a request goes to one gateway, and
/// when no answer comes (the gateway is down, or answers 5xx) it is sent again, to the next one, the same request with
/// the same ids (every write of the exchange is idempotent by its client order id or request id), after a pause that
/// doubles up to 2 s or the Retry-After the gateway gave, until an answer comes or <see cref="GiveUpAfter"/> passes.
/// </summary>
public sealed class Gateways(IReadOnlyList<Uri> addresses)
{
    /// <summary>How long a request is tried before the client gives up on it.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    private static readonly JsonSerializerOptions Json = ContractJson.Web();
    private readonly HttpClient[] _clients = addresses
        .Select(a => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = a,
            Timeout = TimeSpan.FromSeconds(20),
        })
        .ToArray();
    private int _next;

    /// <summary>The first gateway's client, for reads that need no failover.</summary>
    public HttpClient First => _clients[0];

    /// <summary>
    /// Sends until an answer comes (any status but 5xx), or null after <see cref="GiveUpAfter"/>; each failed attempt is
    /// told to <paramref name="failed"/> (its status and reason, or what went wrong on the wire). <paramref name="giveUpAfter"/>
    /// shortens the wait.
    /// </summary>
    public async Task<Answer?> Send(
        HttpMethod method,
        string path,
        string? token,
        object? body = null,
        Action<string>? failed = null,
        TimeSpan? giveUpAfter = null
    )
    {
        var deadline = DateTime.UtcNow + (giveUpAfter ?? GiveUpAfter);
        var delay = TimeSpan.FromMilliseconds(100);
        while (DateTime.UtcNow < deadline)
        {
            var client = _clients[(int)((uint)Interlocked.Increment(ref _next) % _clients.Length)];
            try
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                    request.Content = JsonContent.Create(body, options: Json);
                if (token is not null)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode < 500)
                    return new Answer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
                failed?.Invoke($"{(int)response.StatusCode} {ReasonOf(text)}");
                // A gateway shedding load says when to come back; coming back sooner only adds to the load.
                if (response.Headers.RetryAfter?.Delta is { } retryAfter && retryAfter > delay)
                    delay = retryAfter;
            }
            // A gateway killed while a connection to it opens can surface as a bare SocketException (errno 107) rather than
            // an HttpRequestException: the second full run of 2026-12-07 stopped on one.
            catch (Exception ex)
                when (ex
                        is HttpRequestException
                            or TaskCanceledException
                            or JsonException
                            or IOException
                            or System.Net.Sockets.SocketException
                )
            {
                failed?.Invoke(ex is TaskCanceledException ? "no answer in 20 s" : ex.GetType().Name);
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
        return null;
    }

    private static string ReasonOf(string problem)
    {
        try
        {
            return JsonDocument.Parse(problem).RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>Sends and fails unless the answer is a success.</summary>
    public async Task<JsonElement> Expect(HttpMethod method, string path, string? token, object? body = null)
    {
        var answer = await Send(method, path, token, body)
            ?? throw new InvalidOperationException($"{method} {path}: no gateway answered within {GiveUpAfter}.");
        if ((int)answer.Status >= 400)
            throw new InvalidOperationException($"{method} {path}: {(int)answer.Status} {answer.Body}");
        return answer.Body;
    }

    /// <summary>A development token (demo mode) for a regulator, or a trader of <paramref name="participantId"/>.</summary>
    public async Task<string> Token(string subject, string role, string? participantId = null) => (
            await Expect(
                HttpMethod.Post,
                "/api/dev/tokens",
                null,
                new
                {
                    subject,
                    role,
                    participantId,
                }
            )
        ).GetProperty("token").GetString()!;
}
