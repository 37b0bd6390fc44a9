using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Regions;

/// <summary>Body of <c>POST /api/cross-region-approvals</c>.</summary>
public sealed record CrossRegionRequest(
    [property: Required] string ParticipantId,
    [property: Required] string InstrumentId,
    [property: Required, StringLength(500, MinimumLength = 3)] string Reason
);

/// <summary>Body of <c>POST /api/cross-region-approvals/{participantId}/{instrumentId}/decisions</c>: Approve, Refuse or Revoke.</summary>
public sealed record CrossRegionDecisionRequest(
    [property: Required] string Decision,
    [property: Required, StringLength(500, MinimumLength = 3)] string Reason
);

/// <summary>
/// Cross-region approvals for region-bound rights (pollutant and water rights). Each answers 201 on success and 409/422
/// problem details with the registry's reason otherwise.
/// </summary>
public static class CrossRegionEndpoints
{
    public static void MapCrossRegionApprovals(this WebApplication app)
    {
        var group = app.MapGroup("/api/cross-region-approvals").WithTags("Registry");
        group.MapPost("", Request).RequireAuthorization("any").RegistryAnswers();
        group.MapGet("/{participantId}/{instrumentId}", Get).RequireAuthorization("any").Produces<CrossRegionApprovalView>();
        group.MapPost("/{participantId}/{instrumentId}/decisions", Decide).RequireAuthorization(Roles.Regulator).RegistryAnswers();
    }

    /// <summary><c>POST /api/cross-region-approvals</c>: a trader for its own participant (403 otherwise), or a regulator.</summary>
    private static Task<IResult> Request(
        CrossRegionRequest r,
        ClaimsPrincipal user,
        IRequestClient<RequestCrossRegionApproval> client,
        CancellationToken ct
    ) =>
        !user.MayAccess(r.ParticipantId)
            ? Task.FromResult(Problem.Forbidden("A trader may ask only for its own participant."))
            : RegistryEndpoints.Send(
                client,
                new RequestCrossRegionApproval(r.ParticipantId, r.InstrumentId, r.Reason, user.Actor()),
                NewId.NextGuid(),
                $"/api/cross-region-approvals/{r.ParticipantId}/{r.InstrumentId}",
                ct
            );

    /// <summary><c>GET /api/cross-region-approvals/{participantId}/{instrumentId}</c>: status (None, Pending, Approved, Refused, Revoked)
    /// and history.</summary>
    private static async Task<IResult> Get(
        string participantId,
        string instrumentId,
        ClaimsPrincipal user,
        IRequestClient<GetCrossRegionApproval> client,
        CancellationToken ct
    ) =>
        !user.MayAccess(participantId)
            ? Problem.Forbidden("A trader may read only its own participant's requests.")
            : Results.Ok(
                (await client.GetResponse<CrossRegionApprovalView>(new GetCrossRegionApproval(participantId, instrumentId), ct)).Message
            );

    /// <summary><c>POST /api/cross-region-approvals/{participantId}/{instrumentId}/decisions</c> (regulator).</summary>
    private static Task<IResult> Decide(
        string participantId,
        string instrumentId,
        CrossRegionDecisionRequest r,
        ClaimsPrincipal user,
        IRequestClient<DecideCrossRegionApproval> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new DecideCrossRegionApproval(participantId, instrumentId, r.Decision, r.Reason, user.Actor()),
            NewId.NextGuid(),
            $"/api/cross-region-approvals/{participantId}/{instrumentId}",
            ct
        );
}
