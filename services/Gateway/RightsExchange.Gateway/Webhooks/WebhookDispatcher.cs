using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Polly;
using Polly.Retry;
using RightsExchange.Gateway.Feed;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Webhooks;

/// <summary>Webhook delivery settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Attempts per delivery before it is dead-lettered (first try included).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each later one doubles it (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Hosts a webhook may point to even though they are loopback or private (<see cref="WebhookTargets"/>); none by
    /// default.</summary>
    public string[] AllowedHosts { get; set; } = [];
}

/// <summary>
/// Delivers pending webhook deliveries: one POST of the signed CloudEvent per attempt, retried with exponential backoff
/// (Polly) on a network error, a timeout, 408, 429 or 5xx, up to <see cref="WebhookOptions.MaxAttempts"/>; any other
/// status is a refusal and dead-letters at once (redirects are not followed). Every attempt is written to the delivery
/// log as it happens. Each webhook has its own worker, which sends its deliveries in feed order, one at a time, so a
/// slow or dead receiver holds up only itself. A deleted webhook's pending deliveries are dead-lettered unsent. One
/// gateway instance dispatches at a time (a PostgreSQL advisory lock held by its connection), so two instances do not
/// both send a delivery; after a crash a pending delivery is sent again with the same <c>webhook-id</c>, for the
/// receiver to drop.
/// </summary>
public sealed class WebhookDispatcher(
    IDocumentStore store,
    IHttpClientFactory http,
    IClock clock,
    IOptions<WebhookOptions> options,
    NpgsqlDataSource db,
    ILogger<WebhookDispatcher> logger
) : LeaderLoop(db, "rightsexchange:webhook-dispatcher", logger)
{
    public const string HttpClientName = "webhooks";
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<Guid, Task> _workers = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await base.ExecuteAsync(stoppingToken);
        await Task.WhenAll(_workers.Values).ContinueWith(_ => { }, CancellationToken.None);
    }

    protected override async Task<bool> Step(CancellationToken ct)
    {
        await StartWorkers(ct);
        return false;
    }

    protected override Task Wait(CancellationToken ct) => Task.Delay(Idle, ct);

    /// <summary>Starts a worker for each webhook with pending deliveries that has none running.</summary>
    private async Task StartWorkers(CancellationToken ct)
    {
        foreach (var done in _workers.Where(w => w.Value.IsCompleted).Select(w => w.Key).ToList())
            _workers.Remove(done);
        await using var session = store.QuerySession();
        var waiting = await session
            .Query<WebhookDelivery>()
            .Where(d => d.Status == DeliveryStatus.Pending)
            .Select(d => d.WebhookId)
            .Distinct()
            .ToListAsync(ct);
        foreach (var webhook in waiting.Where(w => !_workers.ContainsKey(w)))
            _workers[webhook] = Task.Run(() => Drain(webhook, ct), ct);
    }

    /// <summary>Sends one webhook's pending deliveries in feed order until none is left.</summary>
    private async Task Drain(Guid webhookId, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await using var session = store.QuerySession();
                var webhook = await session.LoadAsync<Webhook>(webhookId, ct);
                var pending = await session
                    .Query<WebhookDelivery>()
                    .Where(d => d.WebhookId == webhookId && d.Status == DeliveryStatus.Pending)
                    .OrderBy(d => d.Position)
                    .Take(100)
                    .ToListAsync(ct);
                if (pending.Count == 0)
                    return;
                foreach (var delivery in pending)
                {
                    if (webhook is not { Active: true })
                        await Save(
                            delivery with
                            {
                                Status = DeliveryStatus.DeadLettered,
                                CompletedAt = clock.GetCurrentInstant(),
                                Reason = "The webhook was deleted.",
                            },
                            ct
                        );
                    else
                        await Deliver(webhook, delivery, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogWarning(e, "Delivering webhook {Webhook} failed; it is taken up again shortly", webhookId);
        }
    }

    private async Task Deliver(Webhook webhook, WebhookDelivery delivery, CancellationToken ct)
    {
        var settings = options.Value;
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var client = http.CreateClient(HttpClientName);
        var current = delivery;
        var left = settings.MaxAttempts - delivery.Attempts.Count;
        if (left <= 0)
        {
            await Save(
                current with
                {
                    Status = DeliveryStatus.DeadLettered,
                    CompletedAt = clock.GetCurrentInstant(),
                    Reason = $"No success after {current.Attempts.Count} attempts: {current.Attempts.LastOrDefault()?.Error}",
                },
                ct
            );
            return;
        }
        var builder = new ResiliencePipelineBuilder<int?>();
        // Polly wants at least one retry; a delivery with one attempt left runs without the strategy.
        if (left > 1)
            builder.AddRetry(
                new RetryStrategyOptions<int?>
                {
                    MaxRetryAttempts = left - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.FirstRetryDelay,
                    MaxDelay = settings.MaxRetryDelay,
                    ShouldHandle = new PredicateBuilder<int?>().HandleResult(Retryable),
                }
            );
        var pipeline = builder.Build();
        var final = await pipeline.ExecuteAsync(
            async token =>
            {
                var at = clock.GetCurrentInstant();
                var started = Stopwatch.GetTimestamp();
                int? status = null;
                string? error = null;
                try
                {
                    using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attemptTimeout.CancelAfter(settings.AttemptTimeout);
                    using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEventRenderer.ContentType);
                    var timestamp = at.ToUnixTimeSeconds();
                    request.Headers.Add(WebhookSignature.IdHeader, delivery.Id);
                    request.Headers.Add(
                        WebhookSignature.TimestampHeader,
                        timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    );
                    request.Headers.Add(
                        WebhookSignature.SignatureHeader,
                        WebhookSignature.Sign(webhook.Secret, delivery.Id, timestamp, body)
                    );
                    using var response = await client.SendAsync(request, attemptTimeout.Token);
                    status = (int)response.StatusCode;
                    if (!response.IsSuccessStatusCode)
                        error = $"HTTP {status} {response.ReasonPhrase}";
                }
                catch (Exception e) when (!token.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
                {
                    error = e is OperationCanceledException ? $"No answer within {settings.AttemptTimeout.TotalSeconds:0.#} s" : e.Message;
                }
                var attempt = new DeliveryAttempt(
                    current.Attempts.Count + 1,
                    at,
                    status,
                    error,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds
                );
                current = current with { Attempts = [.. current.Attempts, attempt] };
                await Save(current, token);
                return status;
            },
            ct
        );
        var now = clock.GetCurrentInstant();
        current = final is >= 200 and < 300
            ? current with
            {
                Status = DeliveryStatus.Delivered,
                CompletedAt = now,
            }
            : current with
            {
                Status = DeliveryStatus.DeadLettered,
                CompletedAt = now,
                Reason = Retryable(final)
                    ? $"No success after {current.Attempts.Count} attempts: {current.Attempts[^1].Error}"
                    : $"Refused by the receiver: {current.Attempts[^1].Error}",
            };
        await Save(current, ct);
        if (current.Status == DeliveryStatus.DeadLettered)
            logger.LogWarning("Webhook delivery {Delivery} to {Url} dead-lettered: {Reason}", current.Id, webhook.Url, current.Reason);
    }

    private static bool Retryable(int? status) => status is null or 408 or 429 or >= 500;

    private async Task Save(WebhookDelivery delivery, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(delivery);
        await session.SaveChangesAsync(ct);
    }
}
