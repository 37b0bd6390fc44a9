using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Registry;

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

/// <summary>Body of <c>POST /api/retirements</c>.</summary>
public sealed record RetirementRequest(
    Guid? RetirementId,
    [property: Required] string ParticipantId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    [property: Required, StringLength(200, MinimumLength = 2)] string Beneficiary,
    [property: Required, StringLength(500, MinimumLength = 2)] string Purpose,
    int? Batch
);

/// <summary>Body of <c>POST /api/pledges</c>.</summary>
public sealed record PledgeRequest(
    Guid? PledgeId,
    [property: Required] string PledgorId,
    [property: Required] string PledgeeId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    [property: Required, StringLength(200, MinimumLength = 2)] string Reference,
    int? Batch
);

/// <summary>
/// Body of <c>POST /api/pledges/forward</c>: a pledge of the units <paramref name="Project"/> is still to be issued to
/// the pledgor.
/// </summary>
/// <param name="Project">The project, exactly as its issuances name it.</param>
/// <param name="ExpectedQuantity">Units expected, in the instrument's unit, a multiple of its quantity step.</param>
/// <param name="LoanAmount">CNY lent against the pledge.</param>
/// <param name="Maturity">The loan's last day (Asia/Shanghai); the pledgee may apply for enforcement after it.</param>
/// <param name="RepurchasePrice">CNY the pledgor pays to buy the right back: the whole price, not per unit.</param>
/// <param name="RepurchaseDate">The day agreed for the repurchase, on or before the maturity.</param>
public sealed record ForwardPledgeRequest(
    Guid? PledgeId,
    [property: Required] string PledgorId,
    [property: Required] string PledgeeId,
    [property: Required] string InstrumentId,
    [property: Required, StringLength(200, MinimumLength = 2)] string Project,
    [property: Quantity] decimal ExpectedQuantity,
    [property: CashAmount] decimal LoanAmount,
    [property: Required] LocalDate? Maturity,
    [property: CashAmount] decimal RepurchasePrice,
    [property: Required] LocalDate? RepurchaseDate,
    [property: Required, StringLength(200, MinimumLength = 2)] string Reference
);

/// <summary>Body of <c>POST /api/pledges/{id}/release</c>, <c>/enforce</c> and <c>POST /api/transfers/{id}/reverse</c>: the reason,
/// recorded.</summary>
public sealed record ReasonRequest([property: Required, StringLength(500, MinimumLength = 2)] string Reason);

/// <summary>
/// Registry transactions outside the order book: off-exchange transfers, retirements (with a public record) and
/// pledges. Each command answers 201 on success and 409/422 problem details with the registry's reason otherwise.
/// </summary>
public static class TransactionEndpoints
{
    public static void MapRegistryTransactions(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Registry");
        api.MapPost("/transfers", Transfer)
            .RequireAuthorization("any")
            .RegistryAnswers()
            .Produces<TransferQueued>(StatusCodes.Status202Accepted);
        api.MapPost("/transfers/{transferId:guid}/reverse", Reverse).RequireAuthorization(Roles.Regulator).RegistryAnswers(fourEyes: true);
        api.MapPost("/retirements", Retire).RequireAuthorization("any").RegistryAnswers();
        api.MapGet("/retirements/{retirementId:guid}", Retirement).AllowAnonymous().Produces<RetirementRecorded>();
        api.MapPost("/pledges", Pledge).RequireAuthorization("any").RegistryAnswers();
        api.MapPost(
                "/pledges/{pledgeId:guid}/release",
                (Guid pledgeId, ReasonRequest r, ClaimsPrincipal user, IRequestClient<EndPledge> client, CancellationToken ct) =>
                    End(pledgeId, enforce: false, r, user, client, ct)
            )
            .WithSummary("Release a pledge: the units are free again (the pledgee or a regulator)")
            .RequireAuthorization("any")
            .RegistryAnswers();
        api.MapPost(
                "/pledges/{pledgeId:guid}/enforce",
                (Guid pledgeId, ReasonRequest r, ClaimsPrincipal user, IRequestClient<EndPledge> client, CancellationToken ct) =>
                    End(pledgeId, enforce: true, r, user, client, ct)
            )
            .WithSummary("Propose the enforcement of a pledge: the units go to the pledgee (four-eyes)")
            .RequireAuthorization(Roles.Regulator)
            .RegistryAnswers(fourEyes: true);
        api.MapPost("/pledges/forward", RegisterForwardPledge).RequireAuthorization("any").RegistryAnswers();
        api.MapPost("/pledges/{pledgeId:guid}/repurchase", Repurchase)
            .WithSummary("Buy a forward pledge back at its repurchase price: the units are free again (the pledgor or a regulator)")
            .RequireAuthorization("any")
            .RegistryAnswers();
        api.MapGet("/pledges/{pledgeId:guid}", GetPledge).RequireAuthorization("any").Produces<PledgeView>();
        api.MapGet("/instruments/{instrumentId}/lineage", Lineage).RequireAuthorization(Roles.Regulator).Produces<SerialLineage>();
        api.MapGet("/water-corridors", Corridors).RequireAuthorization("any").Produces<WaterCorridorList>();
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

    /// <summary><c>POST /api/retirements</c>: a trader for the holder (403 otherwise), or a regulator. Location: the public
    /// record.</summary>
    private static Task<IResult> Retire(RetirementRequest r, ClaimsPrincipal user, IRequestClient<RetireUnits> client, CancellationToken ct)
    {
        if (!user.MayAccess(r.ParticipantId))
            return Task.FromResult(Problem.Forbidden("A trader may retire only its own participant's units."));
        var id = r.RetirementId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new RetireUnits(id, r.ParticipantId, r.InstrumentId, r.Quantity, r.Beneficiary, r.Purpose, user.Actor(), r.Batch),
            id,
            $"/api/retirements/{id}",
            ct
        );
    }

    /// <summary><c>GET /api/retirements/{id}</c>: the retirement record, for anyone who has its id. 404
    /// <c>RETIREMENT_UNKNOWN</c>.</summary>
    private static async Task<IResult> Retirement(Guid retirementId, IRequestClient<GetRetirement> client, CancellationToken ct)
    {
        var response = await client.GetResponse<RetirementRecorded, RetirementNotFound>(new GetRetirement(retirementId), ct);
        return response.Is(out Response<RetirementRecorded>? record)
            ? Results.Ok(record!.Message)
            : Problem.Of(ReasonCodes.RetirementUnknown, "No such retirement", $"No retirement record {retirementId}.");
    }

    /// <summary>
    /// <c>GET /api/instruments/{id}/lineage?first=&amp;last=</c> (regulator): the <see cref="SerialLineage"/> of serials
    /// first..last (last defaults to first): the batches, every step from issuance on, where each part is now.
    /// 400 for a range that is not 1 ≤ first ≤ last; 404 <c>SERIALS_UNKNOWN</c> when none of them was issued.
    /// </summary>
    private static async Task<IResult> Lineage(
        string instrumentId,
        long first,
        long? last,
        IRequestClient<GetSerialLineage> client,
        CancellationToken ct
    )
    {
        if (first < 1 || (last ?? first) < first)
            return Problem.Of(
                ReasonCodes.InvalidSerialRange,
                "Invalid serial range",
                $"Serials run from 1 and first ≤ last; asked for {first} to {last ?? first}."
            );
        var response = await client.GetResponse<SerialLineage, SerialLineageNotFound>(
            new GetSerialLineage(instrumentId, first, last ?? first),
            ct
        );
        return response.Is(out Response<SerialLineage>? lineage)
            ? Results.Ok(lineage!.Message)
            : Problem.Of(ReasonCodes.SerialsUnknown, "No such serials", ((SerialLineageNotFound)response.Message).Detail);
    }

    /// <summary>
    /// <c>GET /api/water-corridors</c> (any authenticated): each corridor's yearly volume, use and remaining capacity now,
    /// its queue in order (parties shown to a regulator and to the parties) and the queued transfers dropped.
    /// </summary>
    private static async Task<IResult> Corridors(ClaimsPrincipal user, IRequestClient<GetWaterCorridors> client, CancellationToken ct)
    {
        var list = (await client.GetResponse<WaterCorridorList>(new GetWaterCorridors(), ct)).Message;
        return Results.Ok(
            list with
            {
                Corridors = list
                    .Corridors.Select(c =>
                        c with
                        {
                            Queue = c
                                .Queue.Select(q =>
                                    user.MayAccess(q.FromParticipantId!) || user.MayAccess(q.ToParticipantId!)
                                        ? q
                                        : q with
                                        {
                                            FromParticipantId = null,
                                            ToParticipantId = null,
                                        }
                                )
                                .ToList(),
                        }
                    )
                    .ToList(),
            }
        );
    }

    /// <summary><c>POST /api/pledges</c>: a trader for the pledgor (403 otherwise), or a regulator.</summary>
    private static Task<IResult> Pledge(PledgeRequest r, ClaimsPrincipal user, IRequestClient<PledgeUnits> client, CancellationToken ct)
    {
        if (!user.MayAccess(r.PledgorId))
            return Task.FromResult(Problem.Forbidden("A trader may pledge only its own participant's units."));
        var id = r.PledgeId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new PledgeUnits(id, r.PledgorId, r.PledgeeId, r.InstrumentId, r.Quantity, r.Reference, user.Actor(), r.Batch),
            id,
            $"/api/pledges/{id}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/pledges/forward</c>: a trader for the pledgor (403 otherwise), or a regulator. 201 with the pledge id;
    /// 422 with the registry's reason (INVALID_LOAN, PROJECT_REQUIRED, ...), 409 PLEDGE_EXISTS.
    /// </summary>
    private static Task<IResult> RegisterForwardPledge(
        ForwardPledgeRequest r,
        ClaimsPrincipal user,
        IRequestClient<PledgeForward> client,
        CancellationToken ct
    )
    {
        if (!user.MayAccess(r.PledgorId))
            return Task.FromResult(Problem.Forbidden("A trader may pledge only its own participant's units."));
        var id = r.PledgeId ?? NewId.NextGuid();
        var loan = new PledgeLoan(Money.InCny(r.LoanAmount), r.Maturity!.Value, Money.InCny(r.RepurchasePrice), r.RepurchaseDate!.Value);
        return RegistryEndpoints.Send(
            client,
            new PledgeForward(id, r.PledgorId, r.PledgeeId, r.InstrumentId, r.Project, r.ExpectedQuantity, loan, r.Reference, user.Actor()),
            id,
            $"/api/pledges/{id}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/pledges/{id}/repurchase</c>: the pledgor buys a forward pledge back; 422 INSUFFICIENT_CASH,
    /// PLEDGE_NOT_FORWARD, PLEDGE_NOT_ACTIVE, NOT_PLEDGOR, PLEDGE_UNKNOWN.
    /// </summary>
    private static Task<IResult> Repurchase(
        Guid pledgeId,
        ClaimsPrincipal user,
        IRequestClient<RepurchasePledge> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new RepurchasePledge(pledgeId, user.Actor(), user.IsInRole(Roles.Regulator), user.ParticipantId()),
            NewId.NextGuid(),
            $"/api/pledges/{pledgeId}",
            ct
        );

    /// <summary>Release (the pledgee or a regulator) or enforce (a regulator) a pledge; the registry checks who may.</summary>
    private static Task<IResult> End(
        Guid pledgeId,
        bool enforce,
        ReasonRequest r,
        ClaimsPrincipal user,
        IRequestClient<EndPledge> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new EndPledge(pledgeId, enforce, r.Reason, user.Actor(), user.IsInRole(Roles.Regulator), user.ParticipantId()),
            NewId.NextGuid(),
            $"/api/pledges/{pledgeId}",
            ct
        );

    /// <summary><c>GET /api/pledges/{id}</c>: the pledgor, the pledgee or a regulator (403 otherwise); 404 <c>PLEDGE_UNKNOWN</c>.</summary>
    private static async Task<IResult> GetPledge(
        Guid pledgeId,
        ClaimsPrincipal user,
        IRequestClient<GetPledge> client,
        CancellationToken ct
    )
    {
        var view = (await client.GetResponse<PledgeView>(new GetPledge(pledgeId), ct)).Message;
        var parties =
            view.Registration is { } p ? (p.PledgorId, p.PledgeeId)
            : view.Forward is { } f ? (f.PledgorId, f.PledgeeId)
            : default;
        if (parties == default)
            return Problem.NotFound(ReasonCodes.PledgeUnknown, "No such pledge", $"No pledge {pledgeId}.");
        return user.MayAccess(parties.PledgorId) || user.MayAccess(parties.PledgeeId)
            ? Results.Ok(view)
            : Problem.Forbidden("Only the pledgor, the pledgee or a regulator reads a pledge.");
    }
}
