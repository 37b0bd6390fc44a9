using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Orders;

/// <summary>Body of <c>POST /api/orders</c>: a limit or market order for continuous trading.</summary>
/// <param name="ClientOrderId">The trader's own id for the order; sending it again is the same order (idempotency key).</param>
/// <param name="Quantity">Units in the instrument's unit (tCO2e, t/yr, m3/yr), a multiple of its quantity step.</param>
/// <param name="LimitPrice">CNY per unit, a multiple of the tick (0.01); for a market order its protection price (required, inside the
/// daily limits).</param>
/// <param name="Type"><c>Limit</c> (default) or <c>Market</c>.</param>
/// <param name="TimeInForce"><c>Day</c> (default), <c>GoodTillCancelled</c>, <c>ImmediateOrCancel</c> or <c>FillOrKill</c>.</param>
public sealed record PlaceOrderRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string ClientOrderId,
    [property: Required] string InstrumentId,
    [property: Required] Side? Side,
    [property: Quantity] decimal Quantity,
    [property: Price] decimal LimitPrice,
    OrderType? Type,
    TimeInForce? TimeInForce
);

/// <summary>Body of <c>PATCH /api/orders/{id}</c>: the order's new total quantity and limit price.</summary>
/// <param name="Quantity">New total quantity, filled part included; smaller at the same price keeps time priority.</param>
/// <param name="LimitPrice">New limit price, CNY per unit; a change loses time priority.</param>
public sealed record AmendOrderRequest([property: Quantity] decimal Quantity, [property: Price] decimal LimitPrice);

/// <summary>Answer to an amendment.</summary>
public sealed record AmendAcknowledgement(
    Guid OrderId,
    Guid AmendId,
    string Status,
    decimal Quantity,
    decimal LimitPrice,
    bool PriorityKept
);

/// <summary>Answer to an accepted order.</summary>
/// <param name="Status"><c>Accepted</c> (in the book or already traded), or <c>Pending</c> when the back end had not answered in
/// time.</param>
public sealed record OrderAcknowledgement(Guid OrderId, string ClientOrderId, string Status);

/// <summary>Answer to a cancel: how much of the order left the book.</summary>
public sealed record CancelAcknowledgement(Guid OrderId, string Status, decimal CancelledQuantity);

/// <summary>Settings of the order endpoints (section <c>Gateway</c>).</summary>
public sealed class GatewaySettings
{
    /// <summary>How long <c>POST /api/orders</c> waits for the back end's decision before answering 202 Pending.</summary>
    public TimeSpan OrderAcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long <c>POST /api/orders</c> waits for a decision before it asks whether the order was placed earlier (a retry,
    /// about which the back end decides nothing new), so a retry is answered in about this time rather than the timeout.
    /// </summary>
    public TimeSpan RepeatCheckAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the broker may take to confirm a batch of order commands before its requests answer 503.</summary>
    public TimeSpan OrderSendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After two sends of order commands in a row have failed, how long new ones are answered 503 at once (with this as
    /// Retry-After) before one is tried again (<see cref="OrderCommands"/>).
    /// </summary>
    public TimeSpan OrderSendBreak { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long <c>POST /api/compensation/agreements/{id}/assessments</c> waits for the year's payments to settle before
    /// it answers Settling.
    /// </summary>
    public TimeSpan CompensationSettlementWait { get; set; } = TimeSpan.FromSeconds(10);
}

public static class OrderEndpoints
{
    /// <summary>
    /// Documents the answers of an order entry (orders, block trades, auctions, bids): 201 placed, 200 the order as it
    /// stands when the same client order id comes again, 202 while the back end has not decided yet.
    /// </summary>
    internal static RouteHandlerBuilder OrderAnswers(this RouteHandlerBuilder builder) =>
        builder
            .Produces<OrderAcknowledgement>(StatusCodes.Status201Created)
            .Produces<OrderView>(StatusCodes.Status200OK)
            .Produces<OrderAcknowledgement>(StatusCodes.Status202Accepted);

    public static void MapOrders(this WebApplication app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapPost("", Place).RequireAuthorization(Roles.Trader).RequireRateLimiting(RateLimits.Orders).OrderAnswers();
        orders
            .MapDelete("/{orderId:guid}", Cancel)
            .RequireAuthorization(Roles.Trader)
            .AddEndpointFilter(new OrderAccess("cancel"))
            .RequireRateLimiting(RateLimits.Orders)
            .Produces<CancelAcknowledgement>(StatusCodes.Status200OK)
            .Produces<CancelAcknowledgement>(StatusCodes.Status202Accepted);
        orders
            .MapPatch("/{orderId:guid}", Amend)
            .RequireAuthorization(Roles.Trader)
            .AddEndpointFilter(new OrderAccess("amend"))
            .RequireRateLimiting(RateLimits.Orders)
            .Produces<AmendAcknowledgement>(StatusCodes.Status200OK)
            .Produces<AmendAcknowledgement>(StatusCodes.Status202Accepted);
        orders
            .MapGet("/{orderId:guid}", Get)
            .RequireAuthorization("any")
            .AddEndpointFilter(new OrderAccess("read", regulatorMay: true))
            .Produces<OrderView>(StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST /api/orders</c> (trader): 201 Accepted with the order id; 422 with the reason (INSUFFICIENT_CASH,
    /// PRICE_OUTSIDE_LIMITS, MARKET_CLOSED, FOK_NOT_FILLABLE, ...) if funding or the trading rules refused it; 202 Pending
    /// if no decision came in time (poll <c>GET /api/orders/{id}</c>). Block trades and auctions have their own endpoints.
    /// </summary>
    private static Task<IResult> Place(
        PlaceOrderRequest request,
        ClaimsPrincipal user,
        OrderSubmitter submitter,
        IClock clock,
        CancellationToken ct
    )
    {
        var type = request.Type ?? OrderType.Limit;
        if (type is not (OrderType.Limit or OrderType.Market))
            return Task.FromResult(
                Problem.Of(
                    ReasonCodes.OrderType,
                    "Not an order book order type",
                    "POST /api/orders takes Limit or Market orders; use /api/block-trades and /api/auctions for the others."
                )
            );
        var participantId = user.ParticipantId()!;
        return submitter.Submit(
            PlaceOrder.Continuous(
                request.ClientOrderId,
                participantId,
                request.InstrumentId,
                request.Side!.Value,
                request.Quantity,
                request.LimitPrice,
                type,
                request.TimeInForce ?? TimeInForce.Day,
                clock.GetCurrentInstant()
            ),
            ct
        );
    }

    /// <summary>
    /// <c>PATCH /api/orders/{id}</c> (trader, own resting orders): 200 with the amended quantity and price; 422 with the
    /// reason (INSUFFICIENT_CASH, PRICE_OUTSIDE_LIMITS, AMEND_BELOW_FILLED, ...); 404 for an order that is not resting;
    /// 403 for another participant's order.
    /// </summary>
    private static async Task<IResult> Amend(
        Guid orderId,
        AmendOrderRequest request,
        HttpContext http,
        OrderCommands commands,
        OrderOutcomes outcomes,
        IClock clock,
        GatewaySettings settings,
        CancellationToken ct
    )
    {
        var order = OrderAccess.Loaded(http);
        var amendId = NewId.NextGuid();
        using var waiter = outcomes.Register(amendId);
        await commands.Send(
            amendId,
            new AmendOrder(
                amendId,
                orderId,
                order.InstrumentId,
                order.ParticipantId,
                request.Quantity,
                request.LimitPrice,
                clock.GetCurrentInstant()
            ),
            ct
        );
        return await waiter.Wait(settings.OrderAcknowledgementTimeout, ct) switch
        {
            OrderAmended a => Results.Ok(new AmendAcknowledgement(orderId, amendId, "Amended", a.Quantity, a.LimitPrice, a.PriorityKept)),
            AmendRejected r => Problem.Of(r.Reason, "The order could not be amended", r.Detail),
            _ => Results.Accepted(
                $"/api/orders/{orderId}",
                new AmendAcknowledgement(orderId, amendId, "Pending", request.Quantity, request.LimitPrice, false)
            ),
        };
    }

    /// <summary><c>GET /api/orders/{id}</c>: the order with its fills (trader: own orders; regulator: any). 404 if unknown.</summary>
    /// <param name="orderId">The order (loaded and checked by <see cref="OrderAccess"/>).</param>
    /// <param name="http">The request, holding the loaded order.</param>
    private static IResult Get(Guid orderId, HttpContext http) => Results.Ok(OrderAccess.Loaded(http));

    /// <summary>
    /// <c>DELETE /api/orders/{id}</c> (trader, own orders): 200 with the quantity that left the book (its reservation is
    /// released); 404 for an order that is unknown or no longer open; 403 for another participant's order.
    /// </summary>
    private static async Task<IResult> Cancel(
        Guid orderId,
        HttpContext http,
        OrderCommands commands,
        OrderOutcomes outcomes,
        IClock clock,
        GatewaySettings settings,
        CancellationToken ct
    )
    {
        var order = OrderAccess.Loaded(http);
        using var waiter = outcomes.Register(orderId);
        await commands.Send(
            NewId.NextGuid(),
            new CancelOrder(orderId, order.InstrumentId, order.ParticipantId, clock.GetCurrentInstant()),
            ct
        );
        return await waiter.Wait(settings.OrderAcknowledgementTimeout, ct) switch
        {
            OrderCancelled c => Results.Ok(new CancelAcknowledgement(orderId, "Cancelled", c.CancelledQuantity)),
            CancelRejected r => Problem.Of(r.Reason, "The order could not be cancelled", r.Detail),
            _ => Results.Accepted($"/api/orders/{orderId}", new CancelAcknowledgement(orderId, "Pending", 0m)),
        };
    }
}

/// <summary>
/// Sends a <see cref="PlaceOrder"/> and waits for what the back end decided: 201 when matching accepted it, 422 with the
/// reason when funding or matching refused it, the order itself when it was placed before with the same terms (a retried
/// request), 422 <c>IDEMPOTENCY_KEY_REUSED</c> when its client order id names an order of another kind or other terms,
/// else 202 Pending.
/// </summary>
public sealed class OrderSubmitter(
    OrderCommands commands,
    OrderOutcomes outcomes,
    IRequestClient<GetOrder> orderClient,
    GatewaySettings settings
)
{
    public async Task<IResult> Submit(PlaceOrder order, CancellationToken ct)
    {
        using var waiter = outcomes.Register(order.OrderId);
        await commands.Send(order.OrderId, order, ct);
        var location = $"/api/orders/{order.OrderId}";
        var decision = waiter.Wait(settings.OrderAcknowledgementTimeout, ct);
        if (await Task.WhenAny(decision, Task.Delay(settings.RepeatCheckAfter, ct)) != decision && await Earlier(order, ct) is { } repeat)
            return repeat;
        switch (await decision)
        {
            case OrderAccepted:
                return Results.Created(location, new OrderAcknowledgement(order.OrderId, order.ClientOrderId, "Accepted"));
            case OrderFundingRejected r:
                return Problem.Of(
                    r.Reason,
                    "The order could not be funded",
                    r.Detail,
                    new Dictionary<string, object?> { ["orderId"] = order.OrderId }
                );
            case OrderRejected r:
                return Problem.Of(
                    r.Reason,
                    "The order breaks a trading rule",
                    r.Detail,
                    new Dictionary<string, object?> { ["orderId"] = order.OrderId }
                );
        }
        // No decision in time: a repeat of an earlier order (nothing new is decided) or a slow back end.
        var known = await orderClient.GetResponse<OrderView, OrderNotFound>(new GetOrder(order.OrderId), ct);
        return known.Is(out Response<OrderView>? existing)
            ? Answer(existing!.Message, order)
            : Results.Accepted(location, new OrderAcknowledgement(order.OrderId, order.ClientOrderId, "Pending"));
    }

    // The order as placed by an earlier request under the same client order id, answered as that request was; else
    // null, also when the look-up times out: it only shortens a retry's wait, and the decision may still come.
    private async Task<IResult?> Earlier(PlaceOrder order, CancellationToken ct)
    {
        try
        {
            var known = await orderClient.GetResponse<OrderView, OrderNotFound>(new GetOrder(order.OrderId), ct);
            return known.Is(out Response<OrderView>? existing) && existing!.Message.AcceptedAt < order.PlacedAt
                ? Answer(existing.Message, order)
                : null;
        }
        catch (RequestTimeoutException)
        {
            return null;
        }
    }

    private static IResult Answer(OrderView existing, PlaceOrder order) =>
        SameTerms(existing, order)
            ? Results.Ok(existing)
            : Problem.Of(
                ReasonCodes.IdempotencyKeyReused,
                "The client order id was used for another request",
                $"clientOrderId '{order.ClientOrderId}' already names {existing.Type} order {order.OrderId} "
                    + $"({existing.Side} {existing.Quantity} of {existing.InstrumentId} at "
                    + $"{existing.LimitPrice} CNY); nothing new was placed. "
                    + "Use a new clientOrderId for a new request.",
                new Dictionary<string, object?> { ["orderId"] = order.OrderId }
            );

    // A retry repeats the request (draft-ietf-httpapi-idempotency-key-header): any other kind or terms under the same key is a new request.
    private static bool SameTerms(OrderView known, PlaceOrder order) =>
        known.Type == order.Type
        && known.InstrumentId == order.InstrumentId
        && known.Side == order.Side
        && known.Quantity == order.Quantity
        && known.LimitPrice == order.LimitPrice
        && known.Counterparty == order.Counterparty
        && (order.Type is OrderType.AuctionOffer or OrderType.AuctionBid || known.TimeInForce == order.TimeInForce);
}
