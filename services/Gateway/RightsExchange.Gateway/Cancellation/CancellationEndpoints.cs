using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Cancellation;

/// <summary>Body of <c>POST /api/cancellations</c>. <paramref name="CancellationId"/> makes a retry safe.</summary>
public sealed record CancellationRequest(
    Guid? CancellationId,
    [property: Required] string ParticipantId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    [property: Required, StringLength(500, MinimumLength = 2)] string Reason,
    int? Batch
);

/// <summary>
/// Cancelling units in a holding account (regulators). Each command answers as <see
/// cref="RegistryEndpoints.Send{T}"/> says.
/// </summary>
public static class CancellationEndpoints
{
    public static void MapCancellations(this WebApplication app)
    {
        var registry = app.MapGroup("/api").WithTags("Registry").RequireAuthorization(Roles.Regulator);
        registry
            .MapPost(
                "/cancellations",
                (CancellationRequest r, ClaimsPrincipal user, IRequestClient<CancelUnits> client, CancellationToken ct) =>
                {
                    var id = r.CancellationId ?? NewId.NextGuid();
                    return RegistryEndpoints.Send(
                        client,
                        new CancelUnits(id, r.ParticipantId, r.InstrumentId, r.Quantity, r.Reason, user.Actor(), r.Batch),
                        id,
                        $"/api/accounts/{r.ParticipantId}",
                        ct
                    );
                }
            )
            .WithSummary("Cancel units in a holding account, with the reason (regulator)")
            .RegistryAnswers();
    }
}
