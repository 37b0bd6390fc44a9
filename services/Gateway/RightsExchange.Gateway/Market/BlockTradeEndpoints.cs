using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Orders;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Market;

/// <summary>Body of <c>POST /api/block-trades</c>: a block agreement (大宗协议) proposed to a named counterparty.</summary>
/// <param name="ClientOrderId">The proposer's idempotency key; the proposal id is derived from it like an order id.</param>
/// <param name="Side">The proposer's side.</param>
/// <param name="Quantity">Units in the instrument's unit; at least the instrument's block minimum (100,000 t on the national
/// market).</param>
/// <param name="Price">CNY per unit, inside today's block price limits (±30% on the national market).</param>
public sealed record ProposeBlockTradeRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string ClientOrderId,
    [property: Required] string InstrumentId,
    [property: Required] Side? Side,
    [property: Quantity] decimal Quantity,
    [property: Price] decimal Price,
    [property: Required] string Counterparty
);

/// <summary>Body of <c>POST /api/block-trades/{proposalId}/accept</c>: the counterparty's idempotency key.</summary>
public sealed record AcceptBlockTradeRequest([property: Required, StringLength(64, MinimumLength = 1)] string ClientOrderId);

public static class BlockTradeEndpoints
{
    public static void MapBlockTrades(this WebApplication app)
    {
        var blocks = app.MapGroup("/api/block-trades")
            .WithTags("Block trades")
            .RequireAuthorization(Roles.Trader)
            .RequireRateLimiting(RateLimits.Orders);
        blocks.MapPost("", Propose).OrderAnswers();
        blocks.MapPost("/{proposalId:guid}/accept", Accept).OrderAnswers();
        blocks
            .MapPost("/{proposalId:guid}/decline", Decline)
            .Produces<CancelAcknowledgement>()
            .Produces<CancelAcknowledgement>(StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>POST /api/block-trades</c> (trader): 201 with the proposal's id (an order id; withdraw it with
    /// <c>DELETE /api/orders/{id}</c>); 422 with the reason (OUTSIDE_BLOCK_SESSION, BLOCK_BELOW_MINIMUM,
    /// PRICE_OUTSIDE_BLOCK_LIMITS, COUNTERPARTY_UNKNOWN, INSUFFICIENT_UNITS, ...). The proposer's side is reserved at once.
    /// </summary>
    private static Task<IResult> Propose(
        ProposeBlockTradeRequest r,
        ClaimsPrincipal user,
        OrderSubmitter submitter,
        IClock clock,
        CancellationToken ct
    )
    {
        var participantId = user.ParticipantId()!;
        return submitter.Submit(
            PlaceOrder.BlockProposal(
                r.ClientOrderId,
                participantId,
                r.InstrumentId,
                r.Side!.Value,
                r.Quantity,
                r.Price,
                r.Counterparty,
                clock.GetCurrentInstant()
            ),
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/block-trades/{proposalId}/accept</c> (the named counterparty): takes the other side at the proposed
    /// quantity and price; 201 and the trade settles like any other; 404 for an unknown proposal; 403 if the caller is
    /// not the counterparty; 422 with the reason otherwise.
    /// </summary>
    private static async Task<IResult> Accept(
        Guid proposalId,
        AcceptBlockTradeRequest r,
        ClaimsPrincipal user,
        IRequestClient<GetOrder> orders,
        OrderSubmitter submitter,
        IClock clock,
        CancellationToken ct
    )
    {
        var participantId = user.ParticipantId()!;
        if (await Proposal(proposalId, participantId, orders, ct) is not { } proposal)
            return NoSuchProposal(proposalId, participantId);
        return await submitter.Submit(PlaceOrder.BlockAcceptance(r.ClientOrderId, participantId, proposal, clock.GetCurrentInstant()), ct);
    }

    /// <summary><c>POST /api/block-trades/{proposalId}/decline</c> (the named counterparty): 200; the proposer's reservation is
    /// released.</summary>
    private static async Task<IResult> Decline(
        Guid proposalId,
        ClaimsPrincipal user,
        IRequestClient<GetOrder> orders,
        OrderCommands commands,
        OrderOutcomes outcomes,
        IClock clock,
        GatewaySettings settings,
        CancellationToken ct
    )
    {
        var participantId = user.ParticipantId()!;
        if (await Proposal(proposalId, participantId, orders, ct) is not { } proposal)
            return NoSuchProposal(proposalId, participantId);
        using var waiter = outcomes.Register(proposalId);
        await commands.Send(
            NewId.NextGuid(),
            new DeclineBlockTrade(proposalId, proposal.InstrumentId, participantId, clock.GetCurrentInstant()),
            ct
        );
        return await waiter.Wait(settings.OrderAcknowledgementTimeout, ct) switch
        {
            OrderCancelled c => Results.Ok(new CancelAcknowledgement(proposalId, "Declined", c.CancelledQuantity)),
            CancelRejected x => Problem.Of(x.Reason, "The proposal could not be declined", x.Detail),
            _ => Results.Accepted($"/api/orders/{proposalId}", new CancelAcknowledgement(proposalId, "Pending", 0m)),
        };
    }

    private static async Task<OrderView?> Proposal(
        Guid proposalId,
        string counterparty,
        IRequestClient<GetOrder> orders,
        CancellationToken ct
    )
    {
        var response = await orders.GetResponse<OrderView, OrderNotFound>(new GetOrder(proposalId), ct);
        return
            response.Is(out Response<OrderView>? found)
            && found!.Message is { Type: OrderType.Block, Status: "Open" } view
            && view.Counterparty == counterparty
            ? view
            : null;
    }

    /// <summary>404 BLOCK_PROPOSAL_NOT_FOUND: no open proposal of that id names the caller as counterparty.</summary>
    private static IResult NoSuchProposal(Guid proposalId, string participantId) =>
        Problem.NotFound(
            ReasonCodes.BlockProposalNotFound,
            "No such block proposal",
            $"No open block proposal {proposalId} names {participantId} as counterparty."
        );
}
