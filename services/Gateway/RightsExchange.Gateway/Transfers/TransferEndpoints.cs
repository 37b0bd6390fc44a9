using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Transfers;

/// <summary>
/// Body of <c>POST /api/transfers</c>. <paramref name="TransferId"/> makes a retry safe; <paramref name="Price"/> is CNY per unit,
/// recorded;
/// <paramref name="Batch"/> names the issuance batch of credits or sinks to move (first in, first out when omitted), here and in the other
/// bodies.
/// </summary>
public sealed record TransferRequest(
    Guid? TransferId,
    [property: Required] string FromParticipantId,
    [property: Required] string ToParticipantId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    decimal? Price,
    int? Batch
);

/// <summary>
/// Off-exchange transfers between holding accounts, and their reversal (four-eyes). Each command answers 201 on
/// success and the registry's reason otherwise (<see cref="RegistryEndpoints.Send{T}"/>).
/// </summary>
public static class TransferEndpoints
{
    public static void MapTransfers(this WebApplication app)
    {
        // The operation ids these were published with (as TransactionEndpoints): client generators name methods after them.
        var api = app.MapGroup("/api").WithTags("Registry");
        api.MapPost("/transfers", Transfer)
            .WithName("transactionTransfer")
            .RequireAuthorization("any")
            .RegistryAnswers()
            .Produces<TransferQueued>(StatusCodes.Status202Accepted);
        api.MapPost("/transfers/{transferId:guid}/reverse", Reverse)
            .WithName("transactionReverse")
            .RequireAuthorization(Roles.Regulator)
            .RegistryAnswers(fourEyes: true);
    }

    /// <summary>
    /// <c>POST /api/transfers</c>: a trader for the transferor (403 otherwise), or a regulator. 422 <c>INVALID_PRICE</c> for a
    /// recorded price that is not positive or is above <c>Gateway:Input:MaxTransferPrice</c> (here), or not on 0.01 CNY
    /// (the registry).
    /// </summary>
    private static Task<IResult> Transfer(
        TransferRequest r,
        ClaimsPrincipal user,
        InputLimits limits,
        IRequestClient<TransferUnits> client,
        CancellationToken ct
    )
    {
        if (!user.MayAccess(r.FromParticipantId))
            return Task.FromResult(Problem.Forbidden("A trader may transfer only from its own participant's account."));
        if (r.Price is { } price && (price <= 0 || price > limits.MaxTransferPrice))
            return Task.FromResult(
                Problem.Of(
                    ReasonCodes.InvalidPrice,
                    "The transfer price is not acceptable",
                    $"A recorded transfer price is positive and at most {limits.MaxTransferPrice} CNY per unit."
                )
            );
        var id = r.TransferId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new TransferUnits(id, r.FromParticipantId, r.ToParticipantId, r.InstrumentId, r.Quantity, r.Price, user.Actor(), r.Batch),
            id,
            $"/api/accounts/{r.ToParticipantId}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/transfers/{id}/reverse</c> (regulator, <c>{reason}</c>): proposes a compensating transfer back
    /// (202); it takes effect when a second regulator approves it.
    /// </summary>
    private static Task<IResult> Reverse(
        Guid transferId,
        ReasonRequest r,
        ClaimsPrincipal user,
        IRequestClient<ReverseTransfer> client,
        CancellationToken ct
    )
    {
        var id = NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new ReverseTransfer(id, transferId, r.Reason, user.Actor()),
            id,
            $"/api/transfers/{transferId}",
            ct
        );
    }
}
