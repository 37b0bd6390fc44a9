using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Participants;

/// <summary>Body of <c>POST /api/participants</c>.</summary>
/// <param name="ParticipantId">Lower-case letters, digits and dashes, e.g. <c>wuhu-conch-cement</c>.</param>
/// <param name="Region">Home region code, e.g. <c>CN-AH</c>.</param>
/// <param name="Pending">True registers it Pending: it may not trade or move units until activated.</param>
public sealed record RegisterParticipantRequest(
    [property: Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,63}$")] string ParticipantId,
    [property: Required, StringLength(200)] string Name,
    [property: Required] ParticipantKind? Kind,
    [property: Required] string Region,
    bool? Pending
);

/// <summary>Body of <c>POST /api/participants/{participantId}/status</c>: Active or Suspended, and why.</summary>
public sealed record ParticipantStatusRequest(
    [property: Required] string Status,
    [property: Required, StringLength(500, MinimumLength = 2)] string Reason
);

/// <summary>Body of <c>POST /api/accounts/{participantId}/freeze</c> and <c>/unfreeze</c>: the order's reason, recorded.</summary>
public sealed record FreezeRequest([property: Required, StringLength(500, MinimumLength = 3)] string Reason);

/// <summary>
/// Registering participants (with their holding and cash accounts), their status, and freezing their accounts
/// (regulators). Each command answers as <see cref="RegistryEndpoints.Send{T}"/> says.
/// </summary>
public static class ParticipantEndpoints
{
    public static void MapParticipants(this WebApplication app)
    {
        var registry = app.MapGroup("/api").WithTags("Registry").RequireAuthorization(Roles.Regulator);
        registry
            .MapPost(
                "/participants",
                (RegisterParticipantRequest r, ClaimsPrincipal user, IRequestClient<RegisterParticipant> client, CancellationToken ct) =>
                    RegistryEndpoints.Send(
                        client,
                        new RegisterParticipant(r.ParticipantId, r.Name, r.Kind!.Value, r.Region, user.Actor(), r.Pending ?? false),
                        NewId.NextGuid(),
                        $"/api/accounts/{r.ParticipantId}",
                        ct
                    )
            )
            .WithSummary("Register a participant and open its holding and cash accounts (regulator)")
            .RegistryAnswers();
        registry
            .MapPost(
                "/participants/{participantId}/status",
                (
                    string participantId,
                    ParticipantStatusRequest r,
                    ClaimsPrincipal user,
                    IRequestClient<ChangeParticipantStatus> client,
                    CancellationToken ct
                ) =>
                    RegistryEndpoints.Send(
                        client,
                        new ChangeParticipantStatus(participantId, r.Status, r.Reason, user.Actor()),
                        NewId.NextGuid(),
                        $"/api/accounts/{participantId}",
                        ct
                    )
            )
            .WithSummary("Activate, suspend or reinstate a participant, with the reason (regulator)")
            .RegistryAnswers();
        registry
            .MapPost(
                "/accounts/{participantId}/freeze",
                (string participantId, FreezeRequest r, ClaimsPrincipal user, IRequestClient<FreezeAccount> client, CancellationToken ct) =>
                    RegistryEndpoints.Send(
                        client,
                        new FreezeAccount(participantId, r.Reason, user.Actor()),
                        NewId.NextGuid(),
                        $"/api/accounts/{participantId}",
                        ct
                    )
            )
            .WithSummary("Freeze a participant's accounts, with the order's reason (regulator)")
            .RegistryAnswers();
        registry
            .MapPost(
                "/accounts/{participantId}/unfreeze",
                (
                    string participantId,
                    FreezeRequest r,
                    ClaimsPrincipal user,
                    IRequestClient<UnfreezeAccount> client,
                    CancellationToken ct
                ) =>
                    RegistryEndpoints.Send(
                        client,
                        new UnfreezeAccount(participantId, r.Reason, user.Actor()),
                        NewId.NextGuid(),
                        $"/api/accounts/{participantId}",
                        ct
                    )
            )
            .WithSummary("Unfreeze a participant's accounts, with the reason (regulator)")
            .RegistryAnswers();
    }
}
