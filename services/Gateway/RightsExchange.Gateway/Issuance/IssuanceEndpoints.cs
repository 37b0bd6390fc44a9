using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Issuance;

/// <summary>
/// Body of <c>POST /api/issuances</c>. <paramref name="IssuanceId"/> makes a retry safe; a new one is drawn if omitted.
/// Credits and sinks are issued in batches that name their <paramref name="Project"/> or <paramref name="IssuingBody"/> (PROJECT_REQUIRED).
/// </summary>
public sealed record IssueUnitsRequest(
    Guid? IssuanceId,
    [property: Required] string InstrumentId,
    [property: Required] string ParticipantId,
    [property: Quantity] decimal Quantity,
    [property: StringLength(200)] string? Project,
    [property: StringLength(200)] string? IssuingBody
);

/// <summary>Body of <c>POST /api/allocations</c>: allowances to a compliance entity for a compliance period.
/// <paramref name="AllocationId"/> makes a retry safe.</summary>
public sealed record AllocationRequest(
    Guid? AllocationId,
    [property: Required] string InstrumentId,
    [property: Required] string ParticipantId,
    [property: Range(2000, 2100)] int Period,
    [property: Quantity] decimal Quantity
);

/// <summary>
/// Issuances and allocations of units, and their reversal (regulators); each takes effect on a second regulator's
/// approval (four-eyes). Each command answers as <see cref="RegistryEndpoints.Send{T}"/> says.
/// </summary>
public static class IssuanceEndpoints
{
    public static void MapIssuance(this WebApplication app)
    {
        var registry = app.MapGroup("/api").WithTags("Registry").RequireAuthorization(Roles.Regulator);
        registry
            .MapPost("/issuances", (IssueUnitsRequest r, ClaimsPrincipal user, IRequestClient<IssueUnits> client, CancellationToken ct) =>
            {
                var id = r.IssuanceId ?? NewId.NextGuid();
                return RegistryEndpoints.Send(
                    client,
                    new IssueUnits(
                        id,
                        r.InstrumentId,
                        r.ParticipantId,
                        r.Quantity,
                        user.Actor(),
                        Project: r.Project,
                        IssuingBody: r.IssuingBody
                    ),
                    id,
                    $"/api/accounts/{r.ParticipantId}",
                    ct
                );
            })
            .WithSummary("Propose an issuance of units into a holding account; takes effect on a second regulator's approval")
            .RegistryAnswers(fourEyes: true);
        registry
            .MapPost("/allocations", (AllocationRequest r, ClaimsPrincipal user, IRequestClient<IssueUnits> client, CancellationToken ct) =>
            {
                var id = r.AllocationId ?? NewId.NextGuid();
                return RegistryEndpoints.Send(
                    client,
                    new IssueUnits(id, r.InstrumentId, r.ParticipantId, r.Quantity, user.Actor(), r.Period),
                    id,
                    $"/api/accounts/{r.ParticipantId}",
                    ct
                );
            })
            .WithSummary("Propose an allocation of allowances to a compliance entity for a compliance period (four-eyes)")
            .RegistryAnswers(fourEyes: true);
        registry
            .MapPost(
                "/issuances/{issuanceId:guid}/reverse",
                (Guid issuanceId, ReasonRequest r, ClaimsPrincipal user, IRequestClient<ReverseIssuance> client, CancellationToken ct) =>
                {
                    var id = NewId.NextGuid();
                    return RegistryEndpoints.Send(
                        client,
                        new ReverseIssuance(id, issuanceId, r.Reason, user.Actor()),
                        id,
                        $"/api/audit/conservation",
                        ct
                    );
                }
            )
            .WithSummary("Propose the reversal of an issuance (four-eyes)")
            .RegistryAnswers(fourEyes: true);
    }
}
