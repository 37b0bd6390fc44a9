using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Registry;

/// <summary>Answer 201 of a registry command that took effect.</summary>
/// <param name="Id">The command's id: its idempotency key.</param>
/// <param name="Subject">What it created or changed, e.g. the participant or instrument id.</param>
public sealed record RegistryCommandDone(Guid Id, string Subject);

/// <summary>Answer 202 of a registry command that waits for an approver other than its proposer (four-eyes).</summary>
/// <param name="ActionId">The proposal to approve or reject at <c>/api/registry-actions/{actionId}</c>.</param>
/// <param name="Kind">
/// A <see cref="RegistryActionKind"/>: Issuance, Allocation, PledgeEnforcement, TransferReversal, IssuanceReversal or
/// CompensationAgreement.
/// </param>
/// <param name="Status">Always <c>Pending</c>.</param>
public sealed record RegistryActionProposed(Guid Id, Guid ActionId, string Kind, string Summary, string Status);

/// <summary>Answer 202 of a water-right transfer queued for its corridor's capacity (<c>GET /api/water-corridors</c>).</summary>
/// <param name="Status">Always <c>Queued</c>.</param>
public sealed record TransferQueued(Guid Id, Guid TransferId, string Status, string Summary);

/// <summary>
/// How every registry command endpoint (participants, instruments, issuance, transfers, pledges, retirement...) sends
/// its command and answers: 201 on success, 202 when a second regulator must approve it or it waits for corridor
/// capacity, and the registry's reason with the catalogue's status otherwise.
/// </summary>
public static class RegistryEndpoints
{
    /// <summary>Documents the answers of <see cref="Send{T}"/>: 201, and 202 when the command may wait for an approver.</summary>
    internal static RouteHandlerBuilder RegistryAnswers(this RouteHandlerBuilder builder, bool fourEyes = false)
    {
        builder.Produces<RegistryCommandDone>(StatusCodes.Status201Created);
        return fourEyes ? builder.Produces<RegistryActionProposed>(StatusCodes.Status202Accepted) : builder;
    }

    /// <summary>
    /// A registry command a trader may send only for its own participant (a regulator for anyone): 403 with
    /// <paramref name="forbidden"/> when the caller may not act for <paramref name="participantId"/>; otherwise
    /// <see cref="Send{T}"/> under <paramref name="requestedId"/> (the request's own id, which makes a retry safe) or a new
    /// id, given to <paramref name="command"/> and <paramref name="location"/>.
    /// </summary>
    internal static Task<IResult> SendFor<T>(
        ClaimsPrincipal user,
        string participantId,
        string forbidden,
        Guid? requestedId,
        IRequestClient<T> client,
        Func<Guid, T> command,
        Func<Guid, string> location,
        CancellationToken ct
    )
        where T : class
    {
        if (!user.MayAccess(participantId))
            return Task.FromResult(Problem.Forbidden(forbidden));
        var id = requestedId ?? NewId.NextGuid();
        return Send(client, command(id), id, location(id), ct);
    }

    // The message id is the command's idempotency key: the registry applies a given id once.
    // 201 when it took effect, 202 when it waits for a second regulator (four-eyes) or for water-corridor capacity, 409/422 when refused.
    internal static async Task<IResult> Send<T>(IRequestClient<T> client, T command, Guid messageId, string location, CancellationToken ct)
        where T : class
    {
        var response = await client.GetResponse<RegistryCommandAccepted, RegistryCommandRejected, RegistryCommandPending>(
            command,
            x => x.UseExecute(context => context.MessageId = messageId),
            ct
        );
        if (response.Is(out Response<RegistryCommandAccepted>? accepted))
            return Results.Created(location, new RegistryCommandDone(messageId, accepted!.Message.Subject));
        if (response.Is(out Response<RegistryCommandPending>? pending) && pending!.Message.Kind == RegistryActionKind.CorridorQueue)
            return Results.Accepted(
                "/api/water-corridors",
                new TransferQueued(messageId, pending.Message.ActionId, "Queued", pending.Message.Summary)
            );
        if (pending is not null)
            return Results.Accepted(
                $"/api/registry-actions/{pending!.Message.ActionId}",
                new RegistryActionProposed(messageId, pending.Message.ActionId, pending.Message.Kind, pending.Message.Summary, "Pending")
            );
        response.Is(out Response<RegistryCommandRejected>? refusal);
        var rejected = refusal!.Message;
        return Problem.Of(rejected.Reason, "The registry refused the request", rejected.Detail);
    }
}
