using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.FourEyes;

/// <summary>Body of <c>POST /api/registry-actions/{id}/approve</c> and <c>/reject</c>.</summary>
public sealed record RegistryDecisionRequest([property: Required, StringLength(500, MinimumLength = 2)] string Reason);

/// <summary>
/// Four-eyes: the second person's side of issuance, allocation, pledge enforcement and reversals. Regulators and
/// approvers list the proposals; only a holder of an approver role (<see cref="AuthSettings.ApproverRoles"/>, the
/// regulators by default) other than the proposer decides one.
/// </summary>
public static class RegistryActionEndpoints
{
    public static void MapRegistryActions(this WebApplication app)
    {
        var group = app.MapGroup("/api/registry-actions").WithTags("Registry").RequireAuthorization(Roles.Reviewer);
        group.MapGet("", List).Produces<RegistryActionList>();
        group
            .MapPost(
                "/{actionId:guid}/approve",
                (
                    Guid actionId,
                    RegistryDecisionRequest r,
                    ClaimsPrincipal user,
                    IRequestClient<DecideRegistryAction> client,
                    CancellationToken ct
                ) => Decide(actionId, approve: true, r, user, client, ct)
            )
            .RequireAuthorization(Roles.Approver)
            .WithSummary("Approve a four-eyes action; it takes effect now (an approver other than its proposer)")
            .RegistryAnswers();
        group
            .MapPost(
                "/{actionId:guid}/reject",
                (
                    Guid actionId,
                    RegistryDecisionRequest r,
                    ClaimsPrincipal user,
                    IRequestClient<DecideRegistryAction> client,
                    CancellationToken ct
                ) => Decide(actionId, approve: false, r, user, client, ct)
            )
            .RequireAuthorization(Roles.Approver)
            .WithSummary("Reject a four-eyes action with a reason (an approver other than its proposer)")
            .RegistryAnswers();
    }

    /// <summary><c>GET /api/registry-actions?pending=true</c>: proposals, newest first (all when <c>pending</c> is false or
    /// absent).</summary>
    private static async Task<IResult> List(bool? pending, IRequestClient<GetRegistryActions> client, CancellationToken ct) =>
        Results.Ok((await client.GetResponse<RegistryActionList>(new GetRegistryActions(pending ?? false), ct)).Message);

    /// <summary>
    /// Approve (201: the action took effect) or reject (201) a proposal. 422 <c>SAME_REGULATOR</c> for its proposer,
    /// <c>NOT_PENDING</c> once decided, or the action's own reason when it no longer passes its checks.
    /// </summary>
    private static Task<IResult> Decide(
        Guid actionId,
        bool approve,
        RegistryDecisionRequest r,
        ClaimsPrincipal user,
        IRequestClient<DecideRegistryAction> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new DecideRegistryAction(actionId, approve, r.Reason, user.Actor()),
            NewId.NextGuid(),
            $"/api/registry-actions/{actionId}",
            ct
        );
}
