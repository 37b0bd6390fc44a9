using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Compliance;

/// <summary>Body of <c>POST /api/compliance/emissions</c>: tCO2e verified for a compliance year.</summary>
public sealed record VerifiedEmissionsRequest(
    [property: Required] string ParticipantId,
    [property: Range(2000, 2100)] int Period,
    [property: Quantity(AllowZero = true)] decimal Emissions,
    LocalDate? Deadline
);

/// <summary>Body of <c>POST /api/surrenders</c>. <paramref name="SurrenderId"/> makes a retry safe; <paramref name="Batch"/> names a CCER
/// issuance batch (first in, first out when omitted).</summary>
public sealed record SurrenderRequest(
    Guid? SurrenderId,
    [property: Required] string ParticipantId,
    [property: Range(2000, 2100)] int Period,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    int? Batch
);

/// <summary>Compliance: verified emissions, surrender and status per entity and period.</summary>
public static class ComplianceEndpoints
{
    public static void MapCompliance(this WebApplication app)
    {
        var group = app.MapGroup("/api").WithTags("Compliance");
        group.MapPost("/compliance/emissions", Record).RequireAuthorization(Roles.Regulator).RegistryAnswers();
        group.MapPost("/surrenders", Surrender).RequireAuthorization("any").RegistryAnswers();
        group.MapGet("/compliance/{participantId}/{period:int}", Status).RequireAuthorization("any").Produces<ComplianceStatus>();
    }

    /// <summary><c>POST /api/compliance/emissions</c> (regulator): 201, or 409/422 with the registry's reason.</summary>
    private static Task<IResult> Record(
        VerifiedEmissionsRequest r,
        ClaimsPrincipal user,
        IRequestClient<RecordVerifiedEmissions> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new RecordVerifiedEmissions(r.ParticipantId, r.Period, r.Emissions, r.Deadline, user.Actor()),
            NewId.NextGuid(),
            $"/api/compliance/{r.ParticipantId}/{r.Period}",
            ct
        );

    /// <summary><c>POST /api/surrenders</c>: a trader for the entity (403 otherwise), or a regulator.</summary>
    private static Task<IResult> Surrender(
        SurrenderRequest r,
        ClaimsPrincipal user,
        IRequestClient<SurrenderUnits> client,
        CancellationToken ct
    )
    {
        return RegistryEndpoints.SendFor(
            user,
            r.ParticipantId,
            "A trader may surrender only its own participant's units.",
            r.SurrenderId,
            client,
            id => new SurrenderUnits(id, r.ParticipantId, r.Period, r.InstrumentId, r.Quantity, user.Actor(), r.Batch),
            id => $"/api/compliance/{r.ParticipantId}/{r.Period}",
            ct
        );
    }

    /// <summary><c>GET /api/compliance/{participantId}/{period}</c>: the entity's <see cref="ComplianceStatus"/> (trader: own
    /// only).</summary>
    private static async Task<IResult> Status(
        string participantId,
        int period,
        ClaimsPrincipal user,
        IRequestClient<GetComplianceStatus> client,
        CancellationToken ct
    ) =>
        !user.MayAccess(participantId)
            ? Problem.Forbidden("A trader may read only its own participant's compliance.")
            : Results.Ok((await client.GetResponse<ComplianceStatus>(new GetComplianceStatus(participantId, period), ct)).Message);
}
