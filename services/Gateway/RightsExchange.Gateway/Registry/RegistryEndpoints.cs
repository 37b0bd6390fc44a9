using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Registry;

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

/// <summary>
/// Body of <c>POST /api/instruments</c>; see <see cref="ListInstrument"/> for the fields' units.
/// <paramref name="SellableSameDay"/> defaults to true; false for allowances of the national market (bought today, sold from tomorrow).
/// <paramref name="Retail"/> true lists the right for retail offers to the public too (the retail step of <c>Retail:QuantityStep</c>).
/// </summary>
public sealed record ListInstrumentRequest(
    [property: Required, RegularExpression("^[A-Z0-9][A-Z0-9-]{1,63}$")] string InstrumentId,
    [property: Required, StringLength(200)] string Name,
    [property: Required] InstrumentClass? Class,
    [property: Required, StringLength(16)] string Unit,
    [property: Quantity] decimal QuantityStep,
    [property: Range(2000, 2200)] int? Vintage,
    LocalDate? ValidFrom,
    LocalDate? ValidTo,
    [property: Required, StringLength(64)] string Region,
    [property: Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,63}$")] string TradingProfile,
    [property: Price] decimal? ReferencePrice,
    bool? SellableSameDay,
    decimal? ComplianceShare,
    Pollutant? Pollutant,
    WaterSource? WaterSource,
    Contracts.Biodiversity.V1.BiodiversityCreditType? Biodiversity,
    bool? Retail
);

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

/// <summary>Body of <c>POST /api/cash-deposits</c> (CNY). <paramref name="DepositId"/> makes a retry safe.</summary>
public sealed record DepositCashRequest(Guid? DepositId, [property: Required] string ParticipantId, [property: CashAmount] decimal Amount);

/// <summary>Body of <c>POST /api/participants/{participantId}/status</c>: Active or Suspended, and why.</summary>
public sealed record ParticipantStatusRequest(
    [property: Required] string Status,
    [property: Required, StringLength(500, MinimumLength = 2)] string Reason
);

/// <summary>Body of <c>POST /api/cancellations</c>. <paramref name="CancellationId"/> makes a retry safe.</summary>
public sealed record CancellationRequest(
    Guid? CancellationId,
    [property: Required] string ParticipantId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    [property: Required, StringLength(500, MinimumLength = 2)] string Reason,
    int? Batch
);

/// <summary>Body of <c>POST /api/accounts/{participantId}/freeze</c> and <c>/unfreeze</c>: the order's reason, recorded.</summary>
public sealed record FreezeRequest([property: Required, StringLength(500, MinimumLength = 3)] string Reason);

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
/// The regulator's registry endpoints. Each answers 201 on success, 202 when a second regulator must approve (an
/// issuance), and 409/422 problem details with the registry's reason otherwise.
/// </summary>
public static class RegistryEndpoints
{
    public static void MapRegistry(this WebApplication app)
    {
        var registry = app.MapGroup("/api").WithTags("Registry").RequireAuthorization(Roles.Regulator);

        registry
            .MapPost(
                "/participants",
                (RegisterParticipantRequest r, ClaimsPrincipal user, IRequestClient<RegisterParticipant> client, CancellationToken ct) =>
                    Send(
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
                "/instruments",
                (ListInstrumentRequest r, ClaimsPrincipal user, IRequestClient<ListInstrument> client, CancellationToken ct) =>
                    Send(
                        client,
                        new ListInstrument(
                            r.InstrumentId,
                            r.Name,
                            r.Class!.Value,
                            r.Unit,
                            r.QuantityStep,
                            r.Vintage,
                            r.ValidFrom,
                            r.ValidTo,
                            r.Region,
                            r.TradingProfile,
                            r.ReferencePrice,
                            user.Actor(),
                            r.SellableSameDay ?? true,
                            r.ComplianceShare,
                            r.Pollutant,
                            r.WaterSource,
                            r.Biodiversity,
                            r.Retail ?? false
                        ),
                        NewId.NextGuid(),
                        $"/api/instruments/{r.InstrumentId}/trades",
                        ct
                    )
            )
            .WithSummary("List an instrument: class, unit, quantity step, vintage or validity, region, trading profile (regulator)")
            .RegistryAnswers();

        registry
            .MapPost("/issuances", (IssueUnitsRequest r, ClaimsPrincipal user, IRequestClient<IssueUnits> client, CancellationToken ct) =>
            {
                var id = r.IssuanceId ?? NewId.NextGuid();
                return Send(
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
            .MapPost(
                "/issuances/{issuanceId:guid}/reverse",
                (Guid issuanceId, ReasonRequest r, ClaimsPrincipal user, IRequestClient<ReverseIssuance> client, CancellationToken ct) =>
                {
                    var id = NewId.NextGuid();
                    return Send(client, new ReverseIssuance(id, issuanceId, r.Reason, user.Actor()), id, $"/api/audit/conservation", ct);
                }
            )
            .WithSummary("Propose the reversal of an issuance (four-eyes)")
            .RegistryAnswers(fourEyes: true);

        registry
            .MapPost(
                "/accounts/{participantId}/freeze",
                (string participantId, FreezeRequest r, ClaimsPrincipal user, IRequestClient<FreezeAccount> client, CancellationToken ct) =>
                    Send(
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
                    Send(
                        client,
                        new UnfreezeAccount(participantId, r.Reason, user.Actor()),
                        NewId.NextGuid(),
                        $"/api/accounts/{participantId}",
                        ct
                    )
            )
            .WithSummary("Unfreeze a participant's accounts, with the reason (regulator)")
            .RegistryAnswers();

        registry
            .MapPost("/allocations", (AllocationRequest r, ClaimsPrincipal user, IRequestClient<IssueUnits> client, CancellationToken ct) =>
            {
                var id = r.AllocationId ?? NewId.NextGuid();
                return Send(
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
                "/participants/{participantId}/status",
                (
                    string participantId,
                    ParticipantStatusRequest r,
                    ClaimsPrincipal user,
                    IRequestClient<ChangeParticipantStatus> client,
                    CancellationToken ct
                ) =>
                    Send(
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
                "/instruments/{instrumentId}/expire",
                (string instrumentId, ClaimsPrincipal user, IRequestClient<ExpireRights> client, CancellationToken ct) =>
                    Send(client, new ExpireRights(instrumentId, user.Actor()), NewId.NextGuid(), $"/api/audit/conservation", ct)
            )
            .WithSummary("Expire the holdings of an instrument whose validity has ended (regulator)")
            .RegistryAnswers();

        registry
            .MapPost(
                "/cancellations",
                (CancellationRequest r, ClaimsPrincipal user, IRequestClient<CancelUnits> client, CancellationToken ct) =>
                {
                    var id = r.CancellationId ?? NewId.NextGuid();
                    return Send(
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

        registry
            .MapPost(
                "/cash-deposits",
                (DepositCashRequest r, ClaimsPrincipal user, IRequestClient<DepositCash> client, CancellationToken ct) =>
                {
                    var id = r.DepositId ?? NewId.NextGuid();
                    return Send(
                        client,
                        new DepositCash(id, r.ParticipantId, r.Amount, user.Actor()),
                        id,
                        $"/api/accounts/{r.ParticipantId}",
                        ct
                    );
                }
            )
            .WithSummary("Record a cash deposit into a participant's cash account, CNY (regulator)")
            .RegistryAnswers();
    }

    /// <summary>Documents the answers of <see cref="Send{T}"/>: 201, and 202 when the command may wait for an approver.</summary>
    internal static RouteHandlerBuilder RegistryAnswers(this RouteHandlerBuilder builder, bool fourEyes = false)
    {
        builder.Produces<RegistryCommandDone>(StatusCodes.Status201Created);
        return fourEyes ? builder.Produces<RegistryActionProposed>(StatusCodes.Status202Accepted) : builder;
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
