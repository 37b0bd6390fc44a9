using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Webhooks;

/// <summary>Body of <c>POST /api/webhooks</c>.</summary>
/// <param name="Url">Absolute http or https URL that will receive POSTs.</param>
/// <param name="Types">CloudEvents types wanted (see <see cref="CloudEventTypes"/>); every public type when omitted.</param>
public sealed record RegisterWebhook([property: Required, StringLength(2000, MinimumLength = 8)] string Url, IReadOnlyList<string>? Types);

/// <summary>A webhook as its owner sees it; the secret is shown only once, when it is registered.</summary>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Types, bool Active, Instant CreatedAt, string? Secret = null)
{
    public static WebhookView Of(Webhook w, bool withSecret = false) =>
        new(w.Id, w.Url, w.Types, w.Active, w.CreatedAt, withSecret ? w.Secret : null);
}

/// <summary>
/// Webhooks a participant registers (role <c>trader</c>). Deliveries are CloudEvents signed per Standard Webhooks,
/// retried with backoff; their log (every attempt) and dead letters are readable and a dead letter can be sent again.
/// Errors: 400 INVALID_WEBHOOK_URL, UNKNOWN_EVENT_TYPE, INVALID_STATUS, LIMIT_OUT_OF_RANGE; 404 WEBHOOK_UNKNOWN, DELIVERY_UNKNOWN (also for
/// another participant's webhook); 409 NOT_DEAD_LETTERED.
/// </summary>
public static class WebhookEndpoints
{
    public static void MapWebhooks(this WebApplication app)
    {
        var hooks = app.MapGroup("/api/webhooks").WithTags("Subscriptions").RequireAuthorization(Roles.Trader);
        hooks.MapPost("/", Register).Produces<WebhookView>(StatusCodes.Status201Created);
        hooks.MapGet("/", List).Produces<IReadOnlyList<WebhookView>>();
        hooks.MapDelete("/{id:guid}", Delete).Produces(StatusCodes.Status204NoContent);
        hooks.MapGet("/{id:guid}/deliveries", Deliveries).Produces<IReadOnlyList<WebhookDelivery>>();
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId}/retry", Retry).Produces(StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>POST /api/webhooks</c>: 201 with the webhook and its signing secret (<c>whsec_...</c>, shown only here); 400
    /// <c>INVALID_WEBHOOK_URL</c>; 422 <c>WEBHOOK_TARGET_REFUSED</c> for a loopback, private or link-local target or a URL
    /// with user information (<see cref="WebhookTargets"/>).
    /// </summary>
    private static async Task<IResult> Register(
        RegisterWebhook body,
        ClaimsPrincipal user,
        IDocumentSession session,
        IClock clock,
        IOptions<WebhookOptions> options,
        CancellationToken ct
    )
    {
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return Problem.Of(ReasonCodes.InvalidWebhookUrl, "Bad webhook URL", "url must be an absolute http or https URL.");
        if (await WebhookTargets.Refusal(url, options.Value, ct) is { } refused)
            return Problem.Of(ReasonCodes.WebhookTargetRefused, "The webhook may not point there", refused);
        var types = body.Types is { Count: > 0 } asked ? asked.Distinct().ToList() : [.. CloudEventTypes.Public];
        if (types.FirstOrDefault(t => !WebhookSignature.IsKnownType(t)) is { } unknown)
            return Problem.Of(
                ReasonCodes.UnknownEventType,
                "Unknown event type",
                $"'{unknown}' is not a feed type; see docs/asyncapi.yaml."
            );
        var webhook = new Webhook(
            Guid.NewGuid(),
            user.ParticipantId()!,
            url.ToString(),
            types,
            Webhook.NewSecret(),
            clock.GetCurrentInstant()
        );
        session.Store(webhook);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/webhooks/{webhook.Id}", WebhookView.Of(webhook, withSecret: true));
    }

    /// <summary><c>GET /api/webhooks</c>: the caller's webhooks, without secrets.</summary>
    private static async Task<IResult> List(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var participant = user.ParticipantId();
        var mine = await session.Query<Webhook>().Where(w => w.ParticipantId == participant).OrderBy(w => w.CreatedAt).ToListAsync(ct);
        return Results.Ok(mine.Select(w => WebhookView.Of(w)));
    }

    /// <summary><c>DELETE /api/webhooks/{id}</c>: no further deliveries (204); its log stays readable.</summary>
    private static async Task<IResult> Delete(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        if (await Own(id, user, session, ct) is not { } webhook)
            return Unknown(id);
        session.Store(webhook with { Active = false });
        await session.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    /// <summary>
    /// <c>GET /api/webhooks/{id}/deliveries?status=Pending|Delivered|DeadLettered&amp;limit=100</c>: the delivery log, newest
    /// first: feed position, CloudEvent id and type, status, every attempt (instant, HTTP status, error, duration) and,
    /// for a dead letter, why.
    /// </summary>
    private static async Task<IResult> Deliveries(
        Guid id,
        string? status,
        ClaimsPrincipal user,
        IQuerySession session,
        CancellationToken ct,
        int limit = 100
    )
    {
        if (await Own(id, user, session, ct) is null)
            return Unknown(id);
        if (limit is < 1 or > 1_000)
            return Problem.Of(ReasonCodes.LimitOutOfRange, "Bad limit", "limit must be between 1 and 1000.");
        var query = session.Query<WebhookDelivery>().Where(d => d.WebhookId == id);
        if (status is not null)
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var wanted))
                return Problem.Of(ReasonCodes.InvalidDeliveryStatus, "Bad status", "status is Pending, Delivered or DeadLettered.");
            query = query.Where(d => d.Status == wanted);
        }
        return Results.Ok(await query.OrderByDescending(d => d.Position).Take(limit).ToListAsync(ct));
    }

    /// <summary>
    /// <c>POST /api/webhooks/{id}/deliveries/{deliveryId}/retry</c>: a dead letter goes back to pending with a fresh set of
    /// attempts (202); the log then shows the new attempts only.
    /// </summary>
    private static async Task<IResult> Retry(
        Guid id,
        string deliveryId,
        ClaimsPrincipal user,
        IDocumentSession session,
        CancellationToken ct
    )
    {
        if (await Own(id, user, session, ct) is null)
            return Unknown(id);
        var delivery = await session.LoadAsync<WebhookDelivery>(deliveryId, ct);
        if (delivery is null || delivery.WebhookId != id)
            return Problem.Of(ReasonCodes.DeliveryUnknown, "No such delivery", $"Webhook {id} has no delivery '{deliveryId}'.");
        if (delivery.Status != DeliveryStatus.DeadLettered)
            return Problem.Of(
                ReasonCodes.NotDeadLettered,
                "Not a dead letter",
                $"Delivery '{deliveryId}' is {delivery.Status}; only a dead letter can be sent again."
            );
        session.Store(delivery with { Status = DeliveryStatus.Pending, Attempts = [], CompletedAt = null, Reason = null });
        await session.SaveChangesAsync(ct);
        return Results.Accepted($"/api/webhooks/{id}/deliveries");
    }

    private static async Task<Webhook?> Own(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Webhook>(id, ct) is { } w && w.ParticipantId == user.ParticipantId() ? w : null;

    private static IResult Unknown(Guid id) => Problem.Of(ReasonCodes.WebhookUnknown, "No such webhook", $"You have no webhook {id}.");
}
